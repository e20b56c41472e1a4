namespace Replies.Functions.Pages;

/// <summary>
/// Any address no other function serves: a Chinese 404 page, or 404 problem details under <c>api/</c>, with the
/// headers of every answer. Without it the Functions host answers an unknown address itself, bare.
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
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "patch", "delete", Route = "{*address}")] HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            ? Problems.Status(StatusCodes.Status404NotFound, "没有这个接口地址。")
            : pages.Status(request.HttpContext, StatusCodes.Status404NotFound, "没有这个页面，请检查网址是否正确。");
}
