using Microsoft.AspNetCore.Mvc;
using Replies.Functions.Views;
using Replies.Workflows.Storage;

namespace Replies.Functions.Approval;

/// <summary>GET /api/approvals: the drafts waiting for the calling leader's approval, oldest deadline first.</summary>
public sealed class ListAwaitingApproval(ProposalCatalog catalog, TimeProvider time)
{
    [Function(nameof(ListAwaitingApproval))]
    [Authorize(Policy = Policies.Leader)]
    [EndpointSummary("待审签")]
    [Tags("approval")]
    [ProducesResponseType<IReadOnlyList<ProposalSummary>>(StatusCodes.Status200OK)]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/approvals")] HttpRequest request) =>
        CommandResult.Ok(ApprovalQueueView.For(request.HttpContext.Person()!.DepartmentId, catalog, time));
}
