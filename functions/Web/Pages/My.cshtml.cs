using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Replies.Functions.Identity;
using Replies.Functions.Views;
using Replies.Workflows.Storage;

namespace Replies.Functions.Web.Pages;

/// <summary>A deputy's or member's own items, with the part they play in each.</summary>
[Authorize(Policy = Policies.Proposer)]
public sealed class MyModel(ProposalCatalog catalog, TimeProvider time) : PageModel
{
    public sealed record Row(ProposalSummary Item, string Part);

    public IReadOnlyList<Row> Items { get; private set; } = [];

    public void OnGet()
    {
        var me = HttpContext.Person()!;
        var today = ChinaClock.Today(time);
        Items = [.. catalog.All
            .Select(s => (s, part: s.Proposer.PersonId == me.PersonId ? "领衔" : s.CoSigners.Any(p => p.PersonId == me.PersonId) ? "联名" : s.PendingCoSigners.Any(p => p.PersonId == me.PersonId) ? "待确认联名" : s.MergedProposers.Any(p => p.PersonId == me.PersonId) ? "并案" : null))
            .Where(x => x.part is not null)
            .OrderByDescending(x => x.s.SubmittedAt)
            .Select(x => new Row(ProposalSummary.Of(x.s, today), x.part!))];
    }
}
