using Replies.Functions.Views;
using Replies.Functions.Web;
using Replies.Functions.Web.Pages;
using Replies.Workflows.Storage;

namespace Replies.Functions.Pages;

/// <summary>GET /approvals: the drafts waiting for this leader's approval.</summary>
public sealed class ShowApprovals(PageRenderer pages, ProposalCatalog catalog, TimeProvider time)
{
    [Function(nameof(ShowApprovals))]
    [Authorize(Policy = Policies.Leader)]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "approvals")] HttpRequest request) =>
        pages.Render<ApprovalsPage>(request.HttpContext, new Dictionary<string, object?>
        {
            ["Items"] = ApprovalQueueView.For(request.HttpContext.Person()!.DepartmentId, catalog, time),
        });
}
