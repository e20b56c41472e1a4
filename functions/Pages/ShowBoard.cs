using Replies.Functions.Views;
using Replies.Functions.Web;
using Replies.Functions.Web.Pages;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Functions.Pages;

/// <summary>GET /board: the clerk office's deadline board and the items closed lately.</summary>
public sealed class ShowBoard(PageRenderer pages, ProposalCatalog catalog, TimeProvider time)
{
    [Function(nameof(ShowBoard))]
    [Authorize(Policy = Policies.Oversight)]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "board")] HttpRequest request)
    {
        var today = ChinaTime.Today(time);
        return pages.Render<BoardPage>(request.HttpContext, new Dictionary<string, object?>
        {
            ["Board"] = DeadlineBoardView.Build(catalog, time),
            ["Closed"] = catalog.All.Where(s => s.Stage == ProposalStage.Closed).OrderByDescending(s => s.ClosedAt).Take(20).Select(s => ProposalSummary.Of(s, today)).ToList(),
        });
    }
}
