using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Replies.Functions.Decisions;
using Replies.Functions.Web;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Feedback;

/// <summary>
/// POST /api/proposals/{id}/feedback: the lead proposer rates the reply (满意 / 基本满意 / 不满意). 不满意 sends the item
/// back for re-handling while rounds remain; a comment is required with it so the department knows what to address.
/// The item page's form gives the same command (<see cref="IItemCommand"/>).
/// </summary>
public sealed class GiveFeedback(DecisionPipeline decisions) : DecisionFunction<GiveFeedback.Request, FeedbackGiven>(decisions, DecisionCatalog.Feedback)
{
    [Function(nameof(GiveFeedback))]
    [Authorize(Policy = Policies.Proposer)]
    [EndpointSummary("满意度测评")]
    [Tags("feedback")]
    [RequestBody(typeof(Request))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/feedback")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        AnswerAsync(request, id, client, cancellationToken);

    public override Type Fields => typeof(GiveFeedbackFields);

    protected override Request FromForm(ActionInput input) => new(input.Rating, input.Comment);

    public sealed record Request(Rating? Rating, string? Comment);

    protected override Func<Actor, string, FeedbackGiven> Check(Request request, FieldErrors errors)
    {
        var rating = errors.Required("rating", request.Rating, "测评意见");
        var comment = errors.Optional("comment", request.Comment, "意见", 2000);
        return (actor, rid) => new FeedbackGiven(rid, actor, rating, comment);
    }
}
