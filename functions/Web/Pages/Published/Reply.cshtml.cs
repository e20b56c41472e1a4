using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Replies.Functions.Proposals;
using Replies.Functions.Replies;
using Replies.Workflows.Letters;
using Replies.Workflows.Storage;

namespace Replies.Functions.Web.Pages.Published;

/// <summary>One published reply in its published form: no contact details; 摘要公开 shows the opening and headings.</summary>
public sealed class PublicReplyModel(ProposalStore store, DraftStore drafts) : PageModel
{
    public ListPublishedReplies.PublishedSummary Summary { get; private set; } = null!;

    public string Text { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var s = ProposalIds.IsWellFormed(id) ? await store.GetAsync(id, cancellationToken) : null;
        if (s is null || s.Letters.Count == 0 || !Publication.IsPublished(s.Disclosure))
        {
            return NotFound();
        }

        var draft = await drafts.GetAsync(id, s.Letters[^1].DraftVersion, cancellationToken);
        Summary = ListPublishedReplies.Of(s);
        Text = draft is null ? "" : Publication.PublicText(draft.Text, s.Disclosure) ?? "";
        return Page();
    }
}
