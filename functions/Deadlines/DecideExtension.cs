using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Deadlines;

/// <summary>POST /api/proposals/{id}/extension-decisions: the clerk office grants (possibly to another date) or refuses an extension.</summary>
internal static class DecideExtension
{
    public sealed record Request(bool? Approved, DateOnly? Until, string? Comment);

    public static void Map(IEndpointRouteBuilder api) => api.MapPost("proposals/{id}/extension-decisions", RunAsync)
        .WithName(nameof(DecideExtension)).WithSummary("决定延期申请").WithTags("deadlines")
        .Accepts<Request>("application/json").RequireAuthorization(Policies.Clerk);

    private static async Task<IResult> RunAsync(string id, HttpContext http, CancellationToken cancellationToken)
    {
        var (request, problem) = await RequestBody.ReadAsync<Request>(http.Request, cancellationToken);
        return request is null ? problem! : await ActAsync(id, http, request, cancellationToken);
    }

    /// <summary>Validates the request and sends the decision; the API and the pages both come here.</summary>
    internal static async Task<IResult> ActAsync(string id, HttpContext http, Request request, CancellationToken cancellationToken)
    {
        var decisions = http.RequestServices.GetRequiredService<Decisions>();

        var errors = new FieldErrors();
        var approved = errors.Required("approved", request.Approved, "是否同意");
        var comment = errors.Optional("comment", request.Comment, "意见", 500);
        return errors.Any
            ? Problems.Validation(errors)
            : await decisions.SendAsync(http, id, "decideExtension", (actor, rid) => new ExtensionDecided(rid, actor, approved, approved ? request.Until : null, comment), cancellationToken);
    }
}
