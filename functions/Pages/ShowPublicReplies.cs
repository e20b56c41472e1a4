using Replies.Functions.Views;
using Replies.Functions.Web;
using Replies.Functions.Web.Pages;
using Replies.Workflows.ReadModel;
using Replies.Workflows.Search;

namespace Replies.Functions.Pages;

/// <summary>GET /public: published replies, newest first, or the best matches of a search, highlighted; no sign-in.</summary>
public sealed class ShowPublicReplies(PageRenderer pages, ItemLists lists, SharedIndexReader indexer)
{
    [Function(nameof(ShowPublicReplies))]
    [AllowAnonymous]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "public")] HttpRequest request, CancellationToken cancellationToken)
    {
        var q = request.Text("q")?.Trim();
        return pages.Render<PublicRepliesPage>(request.HttpContext, new Dictionary<string, object?>
        {
            ["Q"] = q,
            ["Items"] = (await PublishedRepliesView.FindAsync(q is { Length: <= 200 } ? q : null, null, lists, indexer, cancellationToken)).Take(200).ToList(),
        });
    }
}
