namespace Replies.Functions.Dev;

/// <summary>POST /api/dev/sign-in: signs a browser in as a person of the directory (a session cookie).</summary>
public sealed class DevSignIn(DevPerson dev, SessionCookie session)
{
    [Function(nameof(DevSignIn))]
    [AllowAnonymous]
    [Safety.Limited(Safety.LimitKind.SignIn)]
    [EndpointSummary("开发环境：以某人身份登录（Cookie）")]
    [Tags("development")]
    [RequestBody(typeof(DevPerson.Request))]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/dev/sign-in")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (person, problem) = await dev.ReadAsync(request, cancellationToken);
        if (person is null)
        {
            return problem!;
        }

        await session.SignInAsync(request.HttpContext, person);
        return CommandResult.Ok(person);
    }
}
