using Replies.Functions.Views;
using Replies.Functions.Web;
using Replies.Functions.Web.Pages;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.ReadModel;

namespace Replies.Functions.Pages;

/// <summary>GET /queue: the clerk office's queues: items to file, to assign, and requests to decide.</summary>
public sealed class ShowClerkQueues(PageRenderer pages, ItemLists lists, TimeProvider time)
{
    [Function(nameof(ShowClerkQueues))]
    [Authorize(Policy = Policies.Oversight)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "queue")] HttpRequest request, CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(time);
        var open = (await lists.OpenQueueAsync(cancellationToken)).Where(s => !s.Gone).ToList();
        List<ProposalSummary> Where(Func<ItemRow, bool> wanted) =>
            [.. open.Where(wanted).OrderBy(s => s.SubmittedAt).Select(s => ProposalSummary.Of(s, today))];
        return pages.Render<QueuePage>(request.HttpContext, new Dictionary<string, object?>
        {
            ["Filing"] = Where(s => s.Stage == ProposalStage.FilingReview),
            ["Assigning"] = Where(s => s.Stage == ProposalStage.AwaitingAssignment),
            ["Requests"] = Where(s => s.Requests.Count > 0),
        });
    }
}
