using Replies.Functions.Web;
using Replies.Functions.Web.Pages;
using Replies.Workflows.Storage;

namespace Replies.Functions.Pages;

/// <summary>GET /messages: the person's notices (消息), unread first, each opening its item.</summary>
public sealed class ShowMessages(PageRenderer pages, NoticeStore notices)
{
    [Function(nameof(ShowMessages))]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "messages")] HttpRequest request, CancellationToken cancellationToken) =>
        pages.Render<MessagesPage>(request.HttpContext, new Dictionary<string, object?>
        {
            ["Notices"] = await notices.ForAsync(request.HttpContext.Person()!, cancellationToken),
        });
}
