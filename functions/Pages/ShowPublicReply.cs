using Replies.Functions.Views;
using Replies.Functions.Web;
using Replies.Functions.Web.Pages;

namespace Replies.Functions.Pages;

/// <summary>GET /public/{id}: one published reply in its published form; no sign-in.</summary>
public sealed class ShowPublicReply(PageRenderer pages, PublishedReplies published)
{
    [Function(nameof(ShowPublicReply))]
    [AllowAnonymous]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "public/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        await published.GetAsync(id, cancellationToken) is { } reply
            ? pages.Render<PublicReplyPage>(request.HttpContext, new Dictionary<string, object?> { ["Reply"] = reply })
            : pages.Status(request.HttpContext, StatusCodes.Status404NotFound, "未找到该公开答复。");
}
