using Replies.Functions.Notices;
using Replies.Functions.Web;
using Replies.Functions.Web.Pages;

namespace Replies.Functions.Dev;

/// <summary>GET /dev/sms (development sign-in only): the SMS the development gateway was asked to send, newest first.</summary>
public sealed class ShowDevSms(DevPerson dev, DevSmsGateway gateway, PageRenderer pages)
{
    [Function(nameof(ShowDevSms))]
    [AllowAnonymous]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dev/sms")] HttpRequest request, CancellationToken cancellationToken) =>
        dev.Enabled
            ? pages.Render<DevSmsPage>(request.HttpContext, new Dictionary<string, object?> { ["Messages"] = await gateway.ListAsync(cancellationToken) })
            : pages.Status(request.HttpContext, StatusCodes.Status404NotFound, "未找到该页面。");
}
