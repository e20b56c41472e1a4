using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Handling;

/// <summary>POST /api/proposals/{id}/sign-for: the caller's department signs for the item (签收).</summary>
internal static class SignFor
{
    public static void Map(IEndpointRouteBuilder api) => api.MapPost("proposals/{id}/sign-for", RunAsync)
        .WithName(nameof(SignFor)).WithSummary("签收").WithTags("handling").RequireAuthorization(Policies.DepartmentStaff);

    private static Task<IResult> RunAsync(string id, HttpContext http, CancellationToken cancellationToken) => ActAsync(id, http, cancellationToken);

    /// <summary>Sends the sign-for; the API and the pages both come here.</summary>
    internal static Task<IResult> ActAsync(string id, HttpContext http, CancellationToken cancellationToken) =>
        http.RequestServices.GetRequiredService<Decisions>().SendAsync(http, id, "signFor", (actor, rid) => new SignedFor(rid, actor), cancellationToken);
}
