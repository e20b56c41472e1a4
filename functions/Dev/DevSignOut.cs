namespace Replies.Functions.Dev;

/// <summary>POST /api/dev/sign-out: ends the browser's session.</summary>
public sealed class DevSignOut(DevPerson dev)
{
    [Function(nameof(DevSignOut))]
    [AllowAnonymous]
    [EndpointSummary("开发环境：退出登录")]
    [Tags("development")]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/dev/sign-out")] HttpRequest request)
    {
        if (!dev.Enabled)
        {
            return Problems.NotFound("未找到。");
        }

        await SessionCookie.SignOutAsync(request.HttpContext);
        return CommandResult.NoContent();
    }
}
