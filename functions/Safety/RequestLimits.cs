using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Replies.Functions.Web;

namespace Replies.Functions.Safety;

/// <summary>
/// Per-person and per-address limits on submissions and sign-ins, counted in this instance's memory (each instance
/// counts its own callers: the limit is against a script hammering one door, not an exact quota). A refused call is
/// answered 429 with <c>Retry-After</c>.
/// </summary>
public sealed class RequestLimits : IDisposable
{
    private readonly LimitOptions _options;
    private readonly Dictionary<(LimitKind, bool PerPerson), PartitionedRateLimiter<string>> _limiters;

    public RequestLimits(IOptions<LimitOptions> options)
    {
        _options = options.Value;
        _limiters = new()
        {
            [(LimitKind.Submission, true)] = PerMinute(_options.SubmissionsPerPerson),
            [(LimitKind.Submission, false)] = PerMinute(_options.SubmissionsPerAddress),
            [(LimitKind.SignIn, true)] = PerMinute(_options.SignInsPerPerson),
            [(LimitKind.SignIn, false)] = PerMinute(_options.SignInsPerAddress),
        };
    }

    /// <summary>How long to wait when the person has used up their calls of this kind; null when they may go on.</summary>
    public TimeSpan? ForPerson(LimitKind kind, string personId) => Acquire(_limiters[(kind, true)], personId);

    /// <summary>As <see cref="ForPerson"/>, for the address the call came from.</summary>
    public TimeSpan? ForAddress(LimitKind kind, HttpContext http) => Acquire(_limiters[(kind, false)], AddressOf(http));

    /// <summary>The answer to a refused call: a problem for the API, a page for a person, both with <c>Retry-After</c>.</summary>
    public static IResult Refusal(HttpContext http, TimeSpan wait, bool api)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var detail = $"操作过于频繁，请在{seconds}秒后重试。";
        return api
            ? CommandResult.Problem(StatusCodes.Status429TooManyRequests, Problems.TitleFor(429), detail, Problems.TypeBase + "too-many-requests", new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds })
            : http.RequestServices.GetRequiredService<PageRenderer>().Status(http, StatusCodes.Status429TooManyRequests, detail);
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }

    private string AddressOf(HttpContext http)
    {
        if (_options.TrustForwardedFor && http.Request.Headers["X-Forwarded-For"].ToString() is { Length: > 0 } forwarded)
        {
            var last = forwarded.Split(',')[^1].Trim();
            // App Service writes "address:port"; an IPv6 address comes in brackets.
            if (IPEndPoint.TryParse(last, out var endpoint))
            {
                return endpoint.Address.ToString();
            }

            return last;
        }

        return http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }

    private static PartitionedRateLimiter<string> PerMinute(int permits) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    private static TimeSpan? Acquire(PartitionedRateLimiter<string> limiter, string key)
    {
        using var lease = limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
    }
}
