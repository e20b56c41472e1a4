using Replies.Functions.Views;
using Replies.Functions.Web;
using Replies.Functions.Web.Pages;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.ReadModel;
using Replies.Workflows.Storage;

namespace Replies.Functions.Pages;

/// <summary>GET /board: the clerk office's deadline board, the 处理异常 the watchdog left, the notices that failed to go out, and the items closed lately.</summary>
public sealed class ShowBoard(PageRenderer pages, ItemLists lists, Notices.FailedNotices failed, Workflows.Watchdog.AnomalyStore anomalies, TimeProvider time)
{
    [Function(nameof(ShowBoard))]
    [Authorize(Policy = Policies.Oversight)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "board")] HttpRequest request, CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(time);
        var board = await DeadlineBoardView.BuildAsync(lists, time, cancellationToken);
        // Items leave the open queue as they end; those that ended lately are still there, marked gone.
        var closed = (await lists.OpenQueueAsync(cancellationToken)).Where(s => s.Gone && s.Stage == ProposalStage.Closed);
        return pages.Render<BoardPage>(request.HttpContext, new Dictionary<string, object?>
        {
            ["Board"] = board,
            ["Closed"] = closed.OrderByDescending(s => s.ClosedAt).Take(20).Select(s => ProposalSummary.Of(s, today)).ToList(),
            ["Failed"] = await failed.ListAsync(cancellationToken),
            ["Anomalies"] = await anomalies.ListAsync(cancellationToken),
        });
    }
}
