using Replies.Workflows.Storage;

namespace Replies.Functions.Views;

/// <summary>The items a person proposed, co-signed, was invited to co-sign, or was merged into.</summary>
public static class MyItemsView
{
    public sealed record MyItem(ProposalSummary Item, string Part);

    /// <summary>A person's items, newest first, with the part they play (the API and the page show the same).</summary>
    public static IReadOnlyList<MyItem> For(string personId, ProposalCatalog catalog, TimeProvider time)
    {
        var today = ChinaTime.Today(time);
        return [.. catalog.All
            .Select(s => (s, part: PartOf(personId, s)))
            .Where(x => x.part is not null)
            .OrderByDescending(x => x.s.SubmittedAt)
            .Select(x => new MyItem(ProposalSummary.Of(x.s, today), x.part!))];
    }

    private static string? PartOf(string me, Workflows.Lifecycle.ProposalSnapshot s) =>
        s.Proposer.PersonId == me ? "领衔"
        : s.CoSigners.Any(p => p.PersonId == me) ? "联名"
        : s.PendingCoSigners.Any(p => p.PersonId == me) ? "待确认联名"
        : s.MergedProposers.Any(p => p.PersonId == me) ? "并案"
        : null;
}
