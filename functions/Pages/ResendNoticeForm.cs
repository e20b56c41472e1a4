using Replies.Functions.Web;
using Replies.Workflows.Notices;

namespace Replies.Functions.Pages;

/// <summary>POST /notices/resend (r, k): a clerk sends a failed notice again from the board.</summary>
public sealed class ResendNoticeForm(FormReader forms, Notices.FailedNotices failed, PageRenderer pages)
{
    [Function(nameof(ResendNoticeForm))]
    [Authorize(Policy = Policies.Oversight)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "notices/resend")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (await forms.ReadAsync(request) is not { } form)
        {
            return pages.Status(request.HttpContext, StatusCodes.Status400BadRequest, "表单已过期，请刷新页面后重试。");
        }

        var recipient = form["r"].ToString();
        var key = form["k"].ToString();
        var resent = recipient.Length is > 0 and <= 100 && key.Length is > 0 and <= 200 && await failed.ResendAsync(new NoticeId(recipient, key), cancellationToken);
        Flash.Set(request.HttpContext, resent ? "已重新发送。" : "该通知已不在发送失败列表中。");
        return TypedResults.Redirect("/board#failed");
    }
}
