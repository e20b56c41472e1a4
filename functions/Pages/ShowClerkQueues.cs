using Replies.Functions.Views;
using Replies.Functions.Web;
using Replies.Functions.Web.Pages;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Functions.Pages;

/// <summary>GET /queue: the clerk office's queues: items to file, to assign, and requests to decide.</summary>
public sealed class ShowClerkQueues(PageRenderer pages, ProposalCatalog catalog, TimeProvider time)
{
    [Function(nameof(ShowClerkQueues))]
    [Authorize(Policy = Policies.Oversight)]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "queue")] HttpRequest request)
    {
        var today = ChinaTime.Today(time);
        List<ProposalSummary> Where(Func<ProposalSnapshot, bool> wanted) =>
            [.. catalog.All.Where(wanted).OrderBy(s => s.SubmittedAt).Select(s => ProposalSummary.Of(s, today))];
        return pages.Render<QueuePage>(request.HttpContext, new Dictionary<string, object?>
        {
            ["Filing"] = Where(s => s.Stage == ProposalStage.FilingReview),
            ["Assigning"] = Where(s => s.Stage == ProposalStage.AwaitingAssignment),
            ["Requests"] = Where(s => !s.IsFinal && (s.PendingReassignments.Count > 0 || s.PendingExtension is not null)),
        });
    }
}
