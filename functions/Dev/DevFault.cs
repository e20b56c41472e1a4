namespace Replies.Functions.Dev;

/// <summary>
/// GET /api/dev/faults/{kind} and /dev/faults/{kind} (development sign-in only): a function that fails, so that the
/// tests of both hosts can show a failure answered as a Chinese problem or error page. <c>throw</c>: the function
/// throws; <c>result</c>: it returns a result that throws while it is written.
/// </summary>
public sealed class DevFault(DevPerson dev, Web.PageRenderer pages)
{
    [Function(nameof(DevFault))]
    [AllowAnonymous]
    [EndpointSummary("开发环境：故障演练")]
    [Tags("development")]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/dev/faults/{kind}")] HttpRequest request, string kind) =>
        dev.Enabled ? Fail(kind) : Problems.NotFound("未找到。");

    [Function(nameof(DevFaultPage))]
    [AllowAnonymous]
    public IResult DevFaultPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dev/faults/{kind}")] HttpRequest request, string kind) =>
        dev.Enabled ? Fail(kind) : pages.Status(request.HttpContext, StatusCodes.Status404NotFound, "未找到该页面。");

    private static IResult Fail(string kind) => kind switch
    {
        "throw" => throw new InvalidOperationException("故障演练：函数抛出异常。"),
        _ => new FailingResult(),
    };

    private sealed class FailingResult : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => throw new InvalidOperationException("故障演练：结果写出时失败。");
    }
}
