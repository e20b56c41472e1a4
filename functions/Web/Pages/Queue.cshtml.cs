using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Replies.Functions.Identity;
using Replies.Functions.Views;
using Replies.Workflows.Storage;

namespace Replies.Functions.Web.Pages;

/// <summary>The clerk office's queues: items to file, to assign, and requests to decide; each opens its item's forms.</summary>
[Authorize(Policy = Policies.Oversight)]
public sealed class QueueModel(ProposalCatalog catalog, TimeProvider time) : PageModel
{
    public IReadOnlyList<ProposalSummary> Filing { get; private set; } = [];

    public IReadOnlyList<ProposalSummary> Assigning { get; private set; } = [];

    public IReadOnlyList<ProposalSummary> Requests { get; private set; } = [];

    public void OnGet()
    {
        var today = ChinaClock.Today(time);
        List<ProposalSummary> Where(Func<Workflows.Lifecycle.ProposalSnapshot, bool> wanted) =>
            [.. catalog.All.Where(wanted).OrderBy(s => s.SubmittedAt).Select(s => ProposalSummary.Of(s, today))];
        Filing = Where(s => s.Stage == ProposalStage.FilingReview);
        Assigning = Where(s => s.Stage == ProposalStage.AwaitingAssignment);
        Requests = Where(s => !s.IsFinal && (s.PendingReassignments.Count > 0 || s.PendingExtension is not null));
    }
}
