using Microsoft.DurableTask.Client;
using Replies.Functions.Proposals;
using Replies.Functions.Web;
using Replies.Functions.Web.Pages;

namespace Replies.Functions.Pages;

/// <summary>
/// GET /items/{id}: one item, its course, and the forms of the actions the person can take now; just after
/// submission, the item as 登记中 until its first stage is stored.
/// </summary>
public sealed class ShowItem(PageRenderer pages, ItemPageModel model)
{
    [Function(nameof(ShowItem))]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "items/{id}")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        var user = request.HttpContext.Person()!;
        if (await model.BuildAsync(user, id, ItemForm.Empty, cancellationToken) is { } parameters)
        {
            return pages.Render<ItemPage>(request.HttpContext, parameters);
        }

        return ProposalIds.IsWellFormed(id) && await Registering.ReadAsync(client, user, id, cancellationToken) is { } registering
            ? pages.Render<RegisteringPage>(request.HttpContext, new Dictionary<string, object?> { ["Item"] = registering })
            : pages.Status(request.HttpContext, StatusCodes.Status404NotFound, "未找到该建议或提案。");
    }
}
