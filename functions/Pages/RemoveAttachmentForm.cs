using Replies.Functions.Attachments;
using Replies.Functions.Decisions;
using Replies.Functions.Web;

namespace Replies.Functions.Pages;

/// <summary>POST /items/{id}/attachments/{attachmentId}/remove: 删除 beside a file on the item page.</summary>
public sealed class RemoveAttachmentForm(PageRenderer pages, FormReader forms, DecisionPipeline decisions, AttachmentIntake attachments)
{
    [Function(nameof(RemoveAttachmentForm))]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "items/{id}/attachments/{attachmentId}/remove")] HttpRequest request, string id, string attachmentId, CancellationToken cancellationToken)
    {
        var http = request.HttpContext;
        if (await forms.ReadAsync(request) is null)
        {
            return forms.Refused(http);
        }

        var user = http.Person()!;
        var (snapshot, _) = await decisions.LoadAsync(user, id, cancellationToken);
        if (snapshot is null)
        {
            return pages.Status(http, StatusCodes.Status404NotFound, "未找到该建议或提案。");
        }

        var result = await attachments.RemoveAsync(user, snapshot, attachmentId, cancellationToken);
        if (result.StatusCode == StatusCodes.Status404NotFound)
        {
            return pages.Status(http, StatusCodes.Status404NotFound, "未找到该附件。");
        }

        var item = $"/items/{Uri.EscapeDataString(snapshot.ProposalId)}#attachments";
        return PageRenderer.Redirect(http, item, result.Succeeded ? "已删除附件。" : "未删除：" + AttachToItem.Reason(result));
    }
}
