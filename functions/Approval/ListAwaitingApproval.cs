using Microsoft.AspNetCore.Mvc;
using Replies.Functions.Views;
using Replies.Workflows.ReadModel;
using Replies.Workflows.Storage;

namespace Replies.Functions.Approval;

/// <summary>GET /api/approvals: the drafts waiting for the calling leader's approval, oldest deadline first.</summary>
public sealed class ListAwaitingApproval(ItemLists lists, TimeProvider time)
{
    [Function(nameof(ListAwaitingApproval))]
    [Authorize(Policy = Policies.Leader)]
    [EndpointSummary("待审签")]
    [Tags("approval")]
    [ProducesResponseType<IReadOnlyList<ProposalSummary>>(StatusCodes.Status200OK)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/approvals")] HttpRequest request, CancellationToken cancellationToken) =>
        CommandResult.Ok(await ApprovalQueueView.ForAsync(request.HttpContext.Person()!.DepartmentId, lists, time, cancellationToken));
}
