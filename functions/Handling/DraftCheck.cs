using Replies.Workflows.Letters;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Functions.Handling;

/// <summary>Runs the letter check on a saved draft version of an item.</summary>
public static class DraftCheck
{
    /// <summary>Checks a version; the submitted class, disclosure and handler count once it was sent for approval.</summary>
    public static async Task<LetterCheckResult?> RunCheckAsync(ProposalSnapshot s, int version, Disclosure? disclosure, DraftStore drafts, ProposalStore store, CancellationToken cancellationToken)
    {
        var draft = version is > 0 and < 10_000 ? await drafts.GetAsync(s.ProposalId, version, cancellationToken) : null;
        if (draft is null)
        {
            return null;
        }

        var text = await store.GetTextAsync(s.ProposalId, cancellationToken);
        return LetterCheck.Run(new LetterCheckInput(s.Proposer.Name, s.Kind, s.Title, text?.Body, draft.Text, s.HandlerName, s.HandlerPhone, disclosure ?? s.Disclosure ?? Disclosure.Full));
    }
}
