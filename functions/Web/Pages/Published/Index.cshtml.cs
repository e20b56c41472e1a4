using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Replies.Functions.Replies;
using Replies.Workflows.Search;
using Replies.Workflows.Storage;

namespace Replies.Functions.Web.Pages.Published;

/// <summary>The public's page: published replies, newest first, or the best matches of a search, highlighted.</summary>
public sealed class PublicIndexModel(ProposalCatalog catalog, SearchIndexer indexer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<ListPublishedReplies.PublishedSummary> Items { get; private set; } = [];

    public void OnGet()
    {
        var q = Q?.Trim();
        // Snippets are the index's HTML: escaped text with <mark> around the matches, nothing else.
        Items = [.. ListPublishedReplies.Find(q is { Length: <= 200 } ? q : null, null, catalog, indexer).Take(200)];
    }
}
