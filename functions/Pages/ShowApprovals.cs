using Replies.Functions.Views;
using Replies.Functions.Web;
using Replies.Functions.Web.Pages;
using Replies.Workflows.ReadModel;
using Replies.Workflows.Storage;

namespace Replies.Functions.Pages;

/// <summary>GET /approvals: the drafts waiting for this leader's approval.</summary>
public sealed class ShowApprovals(PageRenderer pages, ItemLists lists, TimeProvider time)
{
    [Function(nameof(ShowApprovals))]
    [Authorize(Policy = Policies.Leader)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "approvals")] HttpRequest request, CancellationToken cancellationToken) =>
        pages.Render<ApprovalsPage>(request.HttpContext, new Dictionary<string, object?>
        {
            ["Items"] = await ApprovalQueueView.ForAsync(request.HttpContext.Person()!.DepartmentId, lists, time, cancellationToken),
        });
}
