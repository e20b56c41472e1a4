using Replies.Functions.Startup;

namespace Replies.Functions.Pages;

/// <summary>
/// Any address no other function serves: a Chinese 404 page, or 404 problem details under <c>api/</c>, with the
/// headers of every answer; 405 with <c>Allow</c> when the address is known but not the method. Without it the
/// Functions host answers both itself, bare and as 404.
/// </summary>
public sealed class UnknownAddress(Web.PageRenderer pages)
{
    /// <summary>
    /// The Functions host tries routes in the order of function names (case-insensitive) and takes the first match,
    /// so this catch-all must sort after every other function's name.
    /// </summary>
    public const string FunctionName = "ZzUnknownAddress";

    [Function(FunctionName)]
    [AllowAnonymous]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "patch", "delete", Route = "{*address}")] HttpRequest request)
    {
        var api = request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
        if (FunctionRoutes.MethodsAt(request.HttpContext, FunctionName) is { Count: > 0 } allowed && !allowed.Contains(request.Method, StringComparer.OrdinalIgnoreCase))
        {
            request.HttpContext.Response.Headers.Allow = string.Join(", ", allowed);
            const string wrong = "此地址不支持该请求方法。";
            return api ? Problems.Status(StatusCodes.Status405MethodNotAllowed, wrong) : pages.Status(request.HttpContext, StatusCodes.Status405MethodNotAllowed, wrong);
        }

        return api
            ? Problems.Status(StatusCodes.Status404NotFound, "没有这个接口地址。")
            : pages.Status(request.HttpContext, StatusCodes.Status404NotFound, "没有这个页面，请检查网址是否正确。");
    }
}
