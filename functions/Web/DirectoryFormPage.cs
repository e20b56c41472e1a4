using Replies.Functions.Web.Pages;
using Replies.Workflows.Directory;

namespace Replies.Functions.Web;

/// <summary>
/// The administrator's directory page as shown, and as shown again after a refused form with the values that were
/// typed kept in the row they were typed in.
/// </summary>
public sealed class DirectoryFormPage(PageRenderer pages, DirectoryStore directory)
{
    /// <summary>What a refused form held: the row it came from, what was typed, and the messages.</summary>
    public sealed record Refusal(string Id, IFormCollection Form, IDictionary<string, string[]> Errors);

    public IResult Render(HttpContext http, string? query, Refusal? refused = null)
    {
        var q = query?.Trim() ?? "";
        var people = directory.People
            .Where(p => q.Length == 0 || p.Name.Contains(q, StringComparison.Ordinal) || (p.DepartmentId ?? p.Delegation ?? "").Contains(q, StringComparison.Ordinal))
            .ToList();
        return pages.Render<DirectoryPage>(
            http,
            new Dictionary<string, object?>
            {
                ["Query"] = q,
                ["People"] = people,
                ["Departments"] = directory.Departments,
                ["Staff"] = directory.People.Where(p => p.IsDepartmentStaff).ToLookup(p => p.DepartmentId!, StringComparer.Ordinal),
                ["Refused"] = refused,
            },
            refused is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }
}
