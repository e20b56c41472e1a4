using Replies.Functions.Views;
using Replies.Functions.Web;
using Replies.Functions.Web.Pages;
using Replies.Workflows.ReadModel;
using Replies.Workflows.Storage;

namespace Replies.Functions.Pages;

/// <summary>GET /my: a deputy's or member's own items.</summary>
public sealed class ShowMyItems(PageRenderer pages, ItemLists lists, TimeProvider time)
{
    [Function(nameof(ShowMyItems))]
    [Authorize(Policy = Policies.Proposer)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "my")] HttpRequest request, CancellationToken cancellationToken) =>
        pages.Render<MyItemsPage>(request.HttpContext, new Dictionary<string, object?>
        {
            ["Items"] = await MyItemsView.ForAsync(request.HttpContext.Person()!.PersonId, lists, time, cancellationToken),
        });
}
