using Replies.Workflows.Letters;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Functions.Handling;

/// <summary>Runs the letter check on a saved draft version of an item.</summary>
public static class DraftCheck
{
    /// <summary>Checks a version; the submitted class, disclosure and handler count once it was sent for approval.</summary>
    public static async Task<LetterCheckResult?> RunCheckAsync(ProposalSnapshot s, int version, Disclosure? disclosure, DraftStore drafts, ProposalStore store, CancellationToken cancellationToken, DraftCoverageView? coverage = null)
    {
        var draft = version is > 0 and < 10_000 ? await drafts.GetAsync(s.ProposalId, version, cancellationToken) : null;
        if (draft is null)
        {
            return null;
        }

        var text = await store.GetTextAsync(s.ProposalId, cancellationToken);
        var result = LetterCheck.Run(new LetterCheckInput(s.Proposer.Name, s.Kind, s.Title, text?.Body, draft.Text, s.HandlerName, s.HandlerPhone, disclosure ?? s.Disclosure ?? Disclosure.Full));
        if (coverage is null || coverage.DraftVersion != version || coverage.NotAnswered == 0)
        {
            return result;
        }

        // Each ask the draft leaves out, as the reviewer would send it back for (逐条对照 is advice: it names, it never stops).
        var missing = coverage.Asks.Where(a => a.Label == Workflows.Coverage.CoverageLabel.NotAnswered)
            .Select(a => new LetterIssue("ask-not-answered", $"第{a.Number}条建议事项“{(a.Ask.Length > 30 ? a.Ask[..30] + "…" : a.Ask)}”未见答复（按用词比对，仅供参考）。"));
        return result with { Issues = [.. result.Issues, .. missing] };
    }
}
