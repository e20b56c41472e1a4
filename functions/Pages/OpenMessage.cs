using Replies.Functions.Web;
using Replies.Workflows.Storage;

namespace Replies.Functions.Pages;

/// <summary>GET /messages/open?r=&amp;k=: marks one of the person's notices read and opens its item.</summary>
public sealed class OpenMessage(PageRenderer pages, NoticeStore notices, TimeProvider time)
{
    [Function(nameof(OpenMessage))]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "messages/open")] HttpRequest request, CancellationToken cancellationToken)
    {
        var http = request.HttpContext;
        var person = http.Person()!;
        var recipient = request.Text("r");
        var key = request.Text("k");
        // Only a notice addressed to the person, their department or their office.
        if (recipient is null || key is null || !NoticeStore.RecipientsOf(person).Contains(recipient) || key.Length > 200 || await notices.GetAsync(recipient, key, cancellationToken) is not { } notice)
        {
            return pages.Status(http, StatusCodes.Status404NotFound, "未找到该消息。");
        }

        await notices.MarkReadAsync(person.PersonId, recipient, key, time.GetUtcNow().UtcDateTime, cancellationToken);
        return TypedResults.Redirect(notice.ProposalId.Length > 0 ? $"/items/{Uri.EscapeDataString(notice.ProposalId)}" : "/messages");
    }
}
