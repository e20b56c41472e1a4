using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Workflows.Directory;

namespace Replies.Functions.Directory;

/// <summary>GET /api/me: who the caller is in the directory (role, department, kind).</summary>
internal static class GetMe
{
    public static void Map(IEndpointRouteBuilder api) => api.MapGet("me", (HttpContext http) =>
            http.Person() is { } person ? TypedResults.Ok(person) : Problems.Forbidden("您不在名录中。"))
        .WithName(nameof(GetMe)).WithSummary("当前用户").WithTags("directory").Produces<DirectoryPerson>().RequireAuthorization();
}
