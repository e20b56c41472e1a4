using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Replies.Functions.Decisions;
using Replies.Functions.Web;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Approval;

/// <summary>
/// POST /api/proposals/{id}/clerk-review: where the rules ask for it, the clerk office reviews an approved reply before
/// issue (督办审核): approve (optionally changing the result class) or send it back with comments.
/// The item page's form gives the same command (<see cref="IItemCommand"/>).
/// </summary>
public sealed class ClerkReview(DecisionPipeline decisions) : DecisionFunction<ClerkReview.Request, ClerkReviewed>(decisions, DecisionCatalog.ClerkReview)
{
    [Function(nameof(ClerkReview))]
    [Authorize(Policy = Policies.Clerk)]
    [EndpointSummary("督办审核答复")]
    [Tags("approval")]
    [RequestBody(typeof(Request))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/clerk-review")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        AnswerAsync(request, id, client, cancellationToken);

    public override Type Fields => typeof(ApprovalFields);

    protected override Request FromForm(ActionInput input) => new(input.Approved, input.ResultClass, input.Comments);

    public sealed record Request(bool? Approved, ResultClass? ResultClass, string? Comments);

    protected override Func<Actor, string, ClerkReviewed> Check(Request request, FieldErrors errors)
    {
        var approved = errors.Required("approved", request.Approved, "审核意见");
        var comments = errors.Optional("comments", request.Comments, "意见", 2000);
        return (actor, rid) => new ClerkReviewed(rid, actor, approved, request.ResultClass, comments);
    }
}
