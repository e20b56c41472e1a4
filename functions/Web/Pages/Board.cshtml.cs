using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Replies.Functions.Deadlines;
using Replies.Functions.Identity;
using Replies.Functions.Views;
using Replies.Workflows.Storage;

namespace Replies.Functions.Web.Pages;

/// <summary>The clerk office's deadline board, read at a glance: counts first, then the items in each band.</summary>
[Authorize(Policy = Policies.Oversight)]
public sealed class BoardModel(ProposalCatalog catalog, TimeProvider time) : PageModel
{
    public DeadlineBoard.Board Board { get; private set; } = null!;

    public IReadOnlyList<ProposalSummary> Closed { get; private set; } = [];

    public void OnGet()
    {
        Board = DeadlineBoard.Build(catalog, time);
        var today = ChinaClock.Today(time);
        Closed = [.. catalog.All.Where(s => s.Stage == ProposalStage.Closed).OrderByDescending(s => s.ClosedAt).Take(20).Select(s => ProposalSummary.Of(s, today))];
    }
}
