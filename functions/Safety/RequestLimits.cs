using System.Globalization;
using System.Net;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Replies.Functions.Web;
using Replies.Workflows.Storage;

namespace Replies.Functions.Safety;

/// <summary>
/// Per-person and per-address limits on submissions and sign-ins, counted in a table that every instance shares
/// (<see cref="ReplyStorage.Limits"/>, one row per kind, scope and key, updated under its ETag), so ten instances do
/// not mean ten times the limit. A key's first call opens a one-minute window; a refused call is answered 429 with
/// <c>Retry-After</c> until the window ends.
/// </summary>
public sealed class RequestLimits(IOptions<LimitOptions> options, ReplyStorage storage, TimeProvider time, ILogger<RequestLimits> logger)
{
    private const int Attempts = 8;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly LimitOptions _options = options.Value;

    /// <summary>How long to wait when the person has used up their calls of this kind; null when they may go on.</summary>
    public Task<TimeSpan?> ForPersonAsync(LimitKind kind, string personId, CancellationToken cancellationToken = default) =>
        CountAsync(kind, "person", personId, kind == LimitKind.Submission ? _options.SubmissionsPerPerson : _options.SignInsPerPerson, cancellationToken);

    /// <summary>As <see cref="ForPersonAsync"/>, for the address the call came from.</summary>
    public Task<TimeSpan?> ForAddressAsync(LimitKind kind, HttpContext http, CancellationToken cancellationToken = default) =>
        CountAsync(kind, "address", AddressOf(http), kind == LimitKind.Submission ? _options.SubmissionsPerAddress : _options.SignInsPerAddress, cancellationToken);

    /// <summary>Removes the counters whose window has ended (the history purge calls it).</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var ended = DateTime.SpecifyKind(time.GetUtcNow().UtcDateTime - Window, DateTimeKind.Utc);
        var removed = 0;
        await foreach (var row in storage.Limits.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"WindowStart lt {ended}"), cancellationToken: cancellationToken))
        {
            try
            {
                // Only if no call has opened a new window meanwhile.
                await storage.Limits.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
                removed++;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
            }
        }

        return removed;
    }

    /// <summary>The answer to a refused call: a problem for the API, a page for a person, both with <c>Retry-After</c>.</summary>
    public static IResult Refusal(HttpContext http, TimeSpan wait, bool api)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var detail = $"操作过于频繁，请在{seconds}秒后重试。";
        return api
            ? CommandResult.Problem(StatusCodes.Status429TooManyRequests, Problems.TitleFor(429), detail, Problems.TypeBase + "too-many-requests", new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds })
            : http.RequestServices.GetRequiredService<PageRenderer>().Status(http, StatusCodes.Status429TooManyRequests, detail);
    }

    /// <summary>
    /// Takes one call from the key's count, or says how long until its window ends. While storage cannot be reached
    /// the call goes on uncounted: a sign-in still works (pages served from memory go on), and a submission meets the
    /// outage at its own writes.
    /// </summary>
    private async Task<TimeSpan?> CountAsync(LimitKind kind, string scope, string key, int permits, CancellationToken cancellationToken)
    {
        try
        {
            return await TakeAsync(kind, scope, key, permits, cancellationToken);
        }
        catch (Exception e) when (StorageOutage.Is(e) && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Rate limit of {Kind} not counted: storage unavailable", kind);
            return null;
        }
    }

    private async Task<TimeSpan?> TakeAsync(LimitKind kind, string scope, string key, int permits, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var partition = $"{kind}|{scope}";
        var row = Uri.EscapeDataString(key);
        var seen = 0;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var existing = await storage.Limits.GetEntityIfExistsAsync<TableEntity>(partition, row, ["Count", "WindowStart"], cancellationToken);
            try
            {
                if (!existing.HasValue)
                {
                    await storage.Limits.AddEntityAsync(Counter(partition, row, 1, now), cancellationToken);
                    return null;
                }

                var counter = existing.Value!;
                var start = counter.GetDateTimeOffset("WindowStart")?.UtcDateTime ?? DateTime.MinValue;
                var count = counter.GetInt32("Count") ?? 0;
                seen = count;
                if (now - start >= Window)
                {
                    // The first call after a window ends opens the next one.
                    await storage.Limits.UpdateEntityAsync(Counter(partition, row, 1, now), counter.ETag, TableUpdateMode.Replace, cancellationToken);
                    return null;
                }

                if (count >= permits)
                {
                    return start + Window - now;
                }

                await storage.Limits.UpdateEntityAsync(Counter(partition, row, count + 1, start), counter.ETag, TableUpdateMode.Replace, cancellationToken);
                return null;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another call (on any instance) counted meanwhile: read the count again.
            }
        }

        // Many calls for one key at the same moment (an office behind one address): refused only when the count is
        // near the limit, not for the contention itself.
        return seen < permits / 2 ? null : Window;
    }

    private static TableEntity Counter(string partition, string row, int count, DateTime windowStart) =>
        new(partition, row) { ["Count"] = count, ["WindowStart"] = DateTime.SpecifyKind(windowStart, DateTimeKind.Utc) };

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
}
