using Microsoft.AspNetCore.Mvc;
using Replies.Workflows.Directory;

namespace Replies.Functions.Directory;

/// <summary>
/// GET /api/directory/people?q=&amp;role=: people by name (co-signers are invited by picking them here). Phone numbers
/// and account ids are shown to the clerk office and administrators only.
/// </summary>
public sealed class ListPeople(DirectoryStore directory)
{
    [Function(nameof(ListPeople))]
    [Authorize(Policy = Policies.SignedIn)]
    [EndpointSummary("人员名录")]
    [Tags("directory")]
    [ProducesResponseType<IReadOnlyList<DirectoryPerson>>(StatusCodes.Status200OK)]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/directory/people")] HttpRequest request)
    {
        var q = request.Text("q");
        var role = request.Text("role");
        Role? wanted = null;
        if (role is not null)
        {
            if (!Enum.TryParse<Role>(role, true, out var parsed) || !Enum.IsDefined(parsed) || role.All(char.IsAsciiDigit))
            {
                return Problems.Field("role", $"角色须为：{string.Join("、", Enum.GetNames<Role>())}。");
            }

            wanted = parsed;
        }

        var full = request.HttpContext.Person()!.Role is Role.Clerk or Role.Administrator;
        var people = directory.People
            .Where(p => (wanted is null || p.Role == wanted) && (string.IsNullOrWhiteSpace(q) || p.Name.Contains(q.Trim(), StringComparison.Ordinal)))
            .Select(p => full ? p : p with { Phone = null, ExternalId = null, Mobile = null, Email = null })
            .ToList();
        return CommandResult.Ok(people);
    }
}
