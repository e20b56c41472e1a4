using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Workflows;
using Replies.Workflows.Directory;

namespace Replies.Functions.Directory;

/// <summary>
/// GET /api/directory/people?q=&amp;role=: people by name (co-signers are invited by picking them here). Phone numbers
/// and account ids are shown to the clerk office and administrators only.
/// </summary>
internal static class ListPeople
{
    public static void Map(IEndpointRouteBuilder api) => api.MapGet("directory/people", Run)
        .WithName(nameof(ListPeople)).WithSummary("人员名录").WithTags("directory").Produces<IReadOnlyList<DirectoryPerson>>().RequireAuthorization(Policies.SignedIn);

    private static IResult Run(string? q, string? role, HttpContext http, DirectoryStore directory)
    {
        Role? wanted = null;
        if (role is not null)
        {
            if (!Enum.TryParse<Role>(role, true, out var parsed) || !Enum.IsDefined(parsed) || role.All(char.IsAsciiDigit))
            {
                return Problems.Field("role", $"角色须为：{string.Join("、", Enum.GetNames<Role>())}。");
            }

            wanted = parsed;
        }

        var full = http.Person()!.Role is Role.Clerk or Role.Administrator;
        var people = directory.People
            .Where(p => (wanted is null || p.Role == wanted) && (string.IsNullOrWhiteSpace(q) || p.Name.Contains(q.Trim(), StringComparison.Ordinal)))
            .Select(p => full ? p : p with { Phone = null, ExternalId = null })
            .ToList();
        return TypedResults.Ok(people);
    }
}
