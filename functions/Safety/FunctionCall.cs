using Replies.Functions.Startup;
using Replies.Functions.Web;

namespace Replies.Functions.Safety;

/// <summary>
/// What happens around every HTTP function in both hosts (the worker's middleware, the local host's endpoint): the
/// security headers, the access gate, the rate limits, and the answer when the function fails: 503 with Chinese
/// problem details (or a page) while storage cannot be reached, 500 problem details for anything else, never a bare
/// error.
/// </summary>
public sealed class FunctionCall(AppStartup startup, RequestGate gate, RequestLimits limits, PageRenderer pages, ILogger<FunctionCall> logger)
{
    /// <summary>Seconds a client is asked to wait while storage is unavailable.</summary>
    public const int OutageRetrySeconds = 30;

    private static readonly TimeSpan StartupWait = TimeSpan.FromSeconds(10);

    public async Task RunAsync(HttpContext http, HttpFunction function, Func<Task> invoke)
    {
        SecurityHeaders.Apply(http);
        try
        {
            // Until start-up has read storage (a new deployment waits for its role assignments) callers hear 503.
            await startup.Ready.WaitAsync(StartupWait, http.RequestAborted);
            if (await gate.CheckAsync(http, function) is { } refused)
            {
                await refused.ExecuteAsync(http);
                return;
            }

            if (function.Limit is { } kind && await LimitAsync(http, kind) is { } wait)
            {
                await RequestLimits.Refusal(http, wait, function.IsApi).ExecuteAsync(http);
                return;
            }

            await invoke();
        }
        catch (Exception ex) when (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested && StorageOutage.Is(ex))
        {
            logger.LogWarning(ex, "Storage unavailable during {Function}", function.Name);
            http.Response.Clear();
            SecurityHeaders.Apply(http);
            http.Response.Headers.RetryAfter = OutageRetrySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            const string detail = "存储服务暂时不可用，请稍后重试。已经保存的内容不会丢失。";
            await (function.IsApi
                ? CommandResult.Problem(StatusCodes.Status503ServiceUnavailable, "服务暂时不可用", detail, Problems.TypeBase + "unavailable", new Dictionary<string, object?> { ["retryAfterSeconds"] = OutageRetrySeconds })
                : pages.Status(http, StatusCodes.Status503ServiceUnavailable, detail)).ExecuteAsync(http);
        }
        catch (Exception ex) when (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(ex, "Function {Function} failed", function.Name);
            http.Response.Clear();
            SecurityHeaders.Apply(http);
            await (function.IsApi
                ? Problems.Status(StatusCodes.Status500InternalServerError)
                : pages.Status(http, StatusCodes.Status500InternalServerError, "系统出现错误，请稍后重试。已经保存的内容不会丢失。")).ExecuteAsync(http);
        }
    }

    private async Task<TimeSpan?> LimitAsync(HttpContext http, LimitKind kind) =>
        (http.Person() is { } person ? await limits.ForPersonAsync(kind, person.PersonId, http.RequestAborted) : null)
        ?? await limits.ForAddressAsync(kind, http, http.RequestAborted);
}
