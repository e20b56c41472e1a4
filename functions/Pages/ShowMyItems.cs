using Replies.Functions.Views;
using Replies.Functions.Web;
using Replies.Functions.Web.Pages;
using Replies.Workflows.Storage;

namespace Replies.Functions.Pages;

/// <summary>GET /my: a deputy's or member's own items.</summary>
public sealed class ShowMyItems(PageRenderer pages, ProposalCatalog catalog, TimeProvider time)
{
    [Function(nameof(ShowMyItems))]
    [Authorize(Policy = Policies.Proposer)]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "my")] HttpRequest request) =>
        pages.Render<MyItemsPage>(request.HttpContext, new Dictionary<string, object?>
        {
            ["Items"] = MyItemsView.For(request.HttpContext.Person()!.PersonId, catalog, time),
        });
}
