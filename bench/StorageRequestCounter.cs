using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Replies.Bench;

/// <summary>Counts every HTTP request the Azure SDK sends (retries included), in total and by kind.</summary>
internal sealed class StorageRequestCounter : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentDictionary<string, long> _byKind = new(StringComparer.Ordinal);
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Interlocked.Increment(ref _total);
        _byKind.AddOrUpdate(Kind(message.Request), 1, (_, n) => n + 1);
    }

    public void AddTo(ClientOptions options) => options.AddPolicy(this, HttpPipelinePosition.PerRetry);

    /// <summary>Counts by kind since the last call, most frequent first.</summary>
    public string TakeBreakdown()
    {
        var snapshot = _byKind.ToArray();
        _byKind.Clear();
        return string.Join(", ", snapshot.OrderByDescending(p => p.Value).Take(12).Select(p => $"{p.Key}={p.Value}"));
    }

    // "GET queue messages", "POST table batch", "GET table History" ...: the method and what it addresses, without ids.
    private static string Kind(Request request)
    {
        var path = request.Uri.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray();
        var what = path.Length == 0 ? "account" : path[0];
        what = System.Text.RegularExpressions.Regex.Replace(what, "^[a-z]+[0-9a-f]{8}", "{hub}");
        what = System.Text.RegularExpressions.Regex.Replace(what, "\\(.*\\)$", "(key)");
        var rest = path.Length > 1 ? "/" + (path[^1] == "messages" ? "messages" : "…") : "";
        return $"{request.Method} {what}{rest}";
    }
}
