using Replies.Functions.Web;
using Replies.Functions.Web.Pages;

namespace Replies.Functions.Pages;

/// <summary>GET /items/{id}: one item, its course, and the forms of the actions the person can take now.</summary>
public sealed class ShowItem(PageRenderer pages, ItemPageModel model)
{
    [Function(nameof(ShowItem))]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "items/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        await model.BuildAsync(request.HttpContext.Person()!, id, ItemForm.Empty, cancellationToken) is { } parameters
            ? pages.Render<ItemPage>(request.HttpContext, parameters)
            : pages.Status(request.HttpContext, StatusCodes.Status404NotFound, "未找到该建议或提案。");
}
