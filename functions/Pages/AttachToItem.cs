using Replies.Functions.Attachments;
using Replies.Functions.Decisions;
using Replies.Functions.Web;
using Replies.Workflows.Storage;

namespace Replies.Functions.Pages;

/// <summary>POST /items/{id}/attachments: the item page's upload form; back to the item, told what was kept or why not.</summary>
public sealed class AttachToItem(PageRenderer pages, DecisionPipeline decisions, AttachmentIntake attachments)
{
    [Function(nameof(AttachToItem))]
    [Authorize(Policy = Policies.SignedIn)]
    [Safety.Limited(Safety.LimitKind.Submission)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "items/{id}/attachments")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var http = request.HttpContext;
        var user = http.Person()!;
        var (snapshot, _) = await decisions.LoadAsync(user, id, cancellationToken);
        if (snapshot is null)
        {
            return pages.Status(http, StatusCodes.Status404NotFound, "未找到该建议或提案。");
        }

        var (form, file, refused) = await UploadedFile.ReadAsync(request, cancellationToken);
        var item = $"/items/{Uri.EscapeDataString(snapshot.ProposalId)}#attachments";
        if (file is null)
        {
            return refused!.StatusCode == StatusCodes.Status403Forbidden && form is not null
                ? pages.Status(http, StatusCodes.Status400BadRequest, refused.Detail ?? "表单已过期，请刷新页面后重试。")
                : PageRenderer.Redirect(http, item, "未上传：" + Reason(refused!));
        }

        var part = form!["part"] == "Reply" ? AttachmentPart.Reply : AttachmentPart.Proposal;
        await using var content = file.OpenReadStream();
        var result = await attachments.AddAsync(user, snapshot.ProposalId, snapshot, part, file.FileName, content, cancellationToken);
        return PageRenderer.Redirect(http, item, result.Value is AttachmentView added ? $"已上传附件：{added.Name}" : "未上传：" + Reason(result));
    }

    internal static string Reason(CommandResult refused) =>
        refused.Errors?.Values.SelectMany(m => m).FirstOrDefault() ?? refused.Detail ?? "请重试。";
}
