using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Replies.Functions.Decisions;
using Replies.Functions.Web;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Approval;

/// <summary>
/// POST /api/proposals/{id}/approval: the lead department's leader approves the draft (审签) or returns it with
/// comments. Approval issues the reply letter (or sends it to the clerk office's review first, if the rules say so).
/// The item page's form gives the same command (<see cref="IItemCommand"/>).
/// </summary>
public sealed class DecideApproval(DecisionPipeline decisions) : DecisionFunction<DecideApproval.Request, ApprovalDecided>(decisions, DecisionCatalog.Approve)
{
    [Function(nameof(DecideApproval))]
    [Authorize(Policy = Policies.Leader)]
    [EndpointSummary("审签：同意或退回修改")]
    [Tags("approval")]
    [RequestBody(typeof(Request))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/approval")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        AnswerAsync(request, id, client, cancellationToken);

    public override Type Fields => typeof(ApprovalFields);

    protected override Request FromForm(ActionInput input) => new(input.Approved, input.Comments);

    public sealed record Request(bool? Approved, string? Comments);

    protected override Func<Actor, string, ApprovalDecided> Check(Request request, FieldErrors errors)
    {
        var approved = errors.Required("approved", request.Approved, "审签意见");
        var comments = errors.Optional("comments", request.Comments, "意见", 2000);
        return (actor, rid) => new ApprovalDecided(rid, actor, approved, comments);
    }
}
