using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Workflows;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Feedback;

/// <summary>
/// POST /api/proposals/{id}/feedback: the lead proposer rates the reply (满意 / 基本满意 / 不满意). 不满意 sends the item
/// back for re-handling while rounds remain; a comment is required with it so the department knows what to address.
/// </summary>
internal static class GiveFeedback
{
    public sealed record Request(Rating? Rating, string? Comment);

    public static void Map(IEndpointRouteBuilder api) => api.MapPost("proposals/{id}/feedback", RunAsync)
        .WithName(nameof(GiveFeedback)).WithSummary("满意度测评").WithTags("feedback")
        .Accepts<Request>("application/json").RequireAuthorization(Policies.Proposer);

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
        var rating = errors.Required("rating", request.Rating, "测评意见");
        if (request.Rating == Rating.NoAnswer)
        {
            errors.Add("rating", "请选择满意、基本满意或不满意。");
        }

        var comment = errors.Optional("comment", request.Comment, "意见", 2000);
        if (request.Rating == Rating.Unsatisfied && comment is null)
        {
            errors.Add("comment", "选择不满意时请说明理由。");
        }

        return errors.Any
            ? Problems.Validation(errors)
            : await decisions.SendAsync(http, id, "feedback", (actor, rid) => new FeedbackGiven(rid, actor, rating, comment), cancellationToken);
    }
}
