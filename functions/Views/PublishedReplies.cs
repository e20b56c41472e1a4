using Replies.Workflows.Letters;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Functions.Views;

/// <summary>One published reply in its published form: no contact details; 摘要公开 shows the opening and headings.</summary>
public sealed class PublishedReplies(ProposalStore store, DraftStore drafts)
{
    public sealed record PublishedReply(PublishedRepliesView.PublishedSummary Summary, Disclosure Disclosure, string Text);

    /// <summary>The reply, or null when there is none or it is not published.</summary>
    public async Task<PublishedReply?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var s = Proposals.ProposalIds.IsWellFormed(id) ? await store.GetAsync(id, cancellationToken) : null;
        if (s is null || s.Letters.Count == 0 || !Publication.IsPublished(s.Disclosure))
        {
            return null;
        }

        var draft = await drafts.GetAsync(id, s.Letters[^1].DraftVersion, cancellationToken);
        var text = draft is null ? "" : Publication.PublicText(draft.Text, s.Disclosure) ?? "";
        return new PublishedReply(PublishedRepliesView.Of(s), s.Disclosure.GetValueOrDefault(), text);
    }
}
