using Replies.Functions.Identity;
using Replies.Workflows.Directory;

namespace Replies.Functions.Directory;

/// <summary>GET /api/directory/departments: every handling department (for the assignment picker).</summary>
internal static class ListDepartments
{
    public static void Map(IEndpointRouteBuilder api) => api.MapGet("directory/departments", (DirectoryStore directory) => TypedResults.Ok(directory.Departments))
        .WithName(nameof(ListDepartments)).WithSummary("单位名录").WithTags("directory").Produces<IReadOnlyList<Department>>().RequireAuthorization(Policies.SignedIn);
}
