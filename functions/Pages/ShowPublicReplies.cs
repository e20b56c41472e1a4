using Replies.Functions.Views;
using Replies.Functions.Web;
using Replies.Functions.Web.Pages;
using Replies.Workflows.Search;
using Replies.Workflows.Storage;

namespace Replies.Functions.Pages;

/// <summary>GET /public: published replies, newest first, or the best matches of a search, highlighted; no sign-in.</summary>
public sealed class ShowPublicReplies(PageRenderer pages, ProposalCatalog catalog, SearchIndexer indexer)
{
    [Function(nameof(ShowPublicReplies))]
    [AllowAnonymous]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "public")] HttpRequest request)
    {
        var q = request.Text("q")?.Trim();
        return pages.Render<PublicRepliesPage>(request.HttpContext, new Dictionary<string, object?>
        {
            ["Q"] = q,
            ["Items"] = PublishedRepliesView.Find(q is { Length: <= 200 } ? q : null, null, catalog, indexer).Take(200).ToList(),
        });
    }
}
