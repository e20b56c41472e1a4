using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Replies.Workflows;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Host.Tests;

/// <summary>
/// Whole lifecycles driven through the API of whichever host is serving now, sixteen at a time, as people with
/// patient clients do: every POST carries an Idempotency-Key and is sent again with it after a 202 (outcome not in
/// yet), a 503 (storage failed past the app's retries) or a lost connection (the host died). Progress is read straight
/// from storage, past any fault proxy.
/// </summary>
public sealed class HostLoad(Func<FunctionsHostProcess> host, string storage) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromSeconds(15) })
    {
        Timeout = TimeSpan.FromSeconds(100),
    };

    private readonly ConcurrentDictionary<int, int> _answers = new();
    private readonly ConcurrentDictionary<string, string> _tokens = new();
    private readonly ProposalStore _store = new(new ReplyStorage(storage));
    private int _connectionsLost;

    /// <summary>A development signing key every host of the run shares, so a token outlives the host that issued it.</summary>
    public static readonly string SigningKey = Convert.ToBase64String([.. Enumerable.Range(1, 32).Select(i => (byte)i)]);

    /// <summary>
    /// People acting at once. Each lifecycle waits mostly on storage's retries and the engine's queues, so many at
    /// once finish the run sooner without loading the machine more.
    /// </summary>
    public int Concurrency { get; init; } = 48;

    /// <summary>The items submitted, in order of submission.</summary>
    public ConcurrentQueue<string> Ids { get; } = new();

    /// <summary>Answers by status code.</summary>
    public IReadOnlyDictionary<int, int> Answers => _answers;

    /// <summary>Requests whose connection broke before an answer.</summary>
    public int ConnectionsLost => Volatile.Read(ref _connectionsLost);

    public string AnswerSummary => string.Join(", ", _answers.OrderBy(a => a.Key).Select(a => $"{a.Key}×{a.Value}"));

    /// <summary>Development tokens of everyone who acts (ask before faults start).</summary>
    public async Task SignInAsync()
    {
        using var api = new HostApi(host());
        foreach (var person in new[] { HostApi.Deputy, HostApi.Clerk, HostApi.Handler, HostApi.Leader })
        {
            var client = await api.AsAsync(person);
            _tokens[person] = client.DefaultRequestHeaders.Authorization!.Parameter!;
        }
    }

    /// <summary>Runs <paramref name="lifecycles"/> lifecycles from submission to a satisfied close.</summary>
    public async Task RunAsync(int lifecycles, CancellationToken cancellationToken)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < lifecycles)
            {
                await DriveAsync(n, cancellationToken);
            }
        }));
    }

    private async Task DriveAsync(int n, CancellationToken token)
    {
        // A title of its own: the notices of one item can be told from another's.
        var submitted = await ActAsync(HostApi.Deputy, "/api/proposals", new { title = $"关于加强第{n + 1}批科技创新平台建设的建议", body = "建议加强科技创新平台建设，推动产业链与创新链深度融合。", category = "科技创新" }, token);
        var id = submitted.GetProperty("id").GetString()!;
        Ids.Enqueue(id);
        await WaitAsync(id, s => s.Sequence >= 1, token);
        await ActAsync(HostApi.Clerk, $"/api/proposals/{id}/filing", new { decision = "File" }, token);
        await ActAsync(HostApi.Clerk, $"/api/proposals/{id}/assignment", new { leadDepartment = HostApi.Lead }, token);
        await ActAsync(HostApi.Handler, $"/api/proposals/{id}/sign-for", null, token);
        await ActAsync(HostApi.Handler, $"/api/proposals/{id}/contacts", new { date = HostApi.Today(), form = "座谈", summary = "当面听取意见建议" }, token);
        var saved = await ActAsync(HostApi.Handler, $"/api/proposals/{id}/drafts", new { text = "您提出的建议收悉。现答复如下：\n一、工作开展情况\n二、下一步打算" }, token);
        await ActAsync(HostApi.Handler, $"/api/proposals/{id}/submission", new { draftVersion = saved.GetProperty("version").GetInt32(), resultClass = "B", disclosure = "Full", handlerName = "徐晓军", handlerPhone = "0355-2022535" }, token);
        await ActAsync(HostApi.Leader, $"/api/proposals/{id}/approval", new { approved = true }, token);
        await WaitAsync(id, s => s.Stage == ProposalStage.AwaitingFeedback, token);
        await ActAsync(HostApi.Deputy, $"/api/proposals/{id}/feedback", new { rating = "Satisfied" }, token);
    }

    private async Task<JsonElement> ActAsync(string person, string path, object? body, CancellationToken token)
    {
        var key = Guid.NewGuid().ToString("N");
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (true)
        {
            var (status, text) = await SendAsync(person, path, body, key, token);
            if (status is HttpStatusCode.OK or HttpStatusCode.Created)
            {
                return JsonDocument.Parse(text).RootElement.Clone();
            }

            Assert.True(status is null or HttpStatusCode.Accepted or HttpStatusCode.ServiceUnavailable, $"POST {path} as {person}: {(int?)status} {text}\n{Failures()}");
            if (DateTime.UtcNow > deadline)
            {
                var id = path.Split('/') is [_, "api", "proposals", var item, ..] ? item : null;
                Assert.Fail($"POST {path} as {person} still {(int?)status} after 4 min: {text}\n{(id is null ? "" : await InstanceAsync(id))}");
            }

            await Task.Delay(status is null ? 1000 : 250, token);
        }
    }

    private async Task<(HttpStatusCode? Status, string Text)> SendAsync(string person, string path, object? body, string key, CancellationToken token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host().BaseAddress, path)) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _tokens[person]);
        request.Headers.Add("Idempotency-Key", key);
        try
        {
            using var response = await _http.SendAsync(request, token);
            _answers.AddOrUpdate((int)response.StatusCode, 1, (_, c) => c + 1);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(token));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !token.IsCancellationRequested)
        {
            Interlocked.Increment(ref _connectionsLost);
            return (null, e.Message);
        }
    }

    /// <summary>Waits until the item's stored status meets the condition; on a timeout says where its instance is.</summary>
    public async Task WaitAsync(string id, Func<ProposalSnapshot, bool> condition, CancellationToken token, int minutes = 4)
    {
        try
        {
            await Eventually.GetAsync(() => _store.GetAsync(id, token), s => s is not null && condition(s), TimeSpan.FromMinutes(minutes), s => $"{id} stuck at {s?.Stage}", TimeSpan.FromMilliseconds(200), token);
        }
        catch (TimeoutException e)
        {
            Assert.Fail($"{e.Message}; {await InstanceAsync(id)}");
        }
    }

    /// <summary>
    /// The engine's row of the instance (the task hub's Instances table), its partitions' owners and its queues'
    /// lengths, for a failure's message.
    /// </summary>
    public async Task<string> InstanceAsync(string id)
    {
        var text = new System.Text.StringBuilder();
        var row = await new TableClient(storage, "RepliesInstances").GetEntityIfExistsAsync<TableEntity>(id, "");
        text.Append(row.HasValue
            ? $"instance {row.Value!.GetString("RuntimeStatus")}, updated {row.Value.GetDateTimeOffset("LastUpdatedTime"):HH:mm:ss}, output {row.Value.GetString("Output")}"
            : "no instance row");
        await foreach (var partition in new TableClient(storage, "RepliesPartitions").QueryAsync<TableEntity>())
        {
            text.Append($"\npartition {partition.RowKey}: " + string.Join(", ", partition.Where(p => p.Key is not ("odata.etag" or "PartitionKey" or "RowKey")).Select(p => $"{p.Key}={p.Value}")));
        }

        var queues = new Azure.Storage.Queues.QueueServiceClient(storage);
        await foreach (var queue in queues.GetQueuesAsync(prefix: "replies"))
        {
            var properties = await queues.GetQueueClient(queue.Name).GetPropertiesAsync();
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\nqueue {queue.Name}: {properties.Value.ApproximateMessagesCount}");
        }

        foreach (var line in host().Log.Split('\n').Where(l => l.Contains(id, StringComparison.Ordinal)).TakeLast(60))
        {
            text.Append('\n').Append(line);
        }

        return text.ToString();
    }

    // The serving host's logged failures (the app logs each 500 with its exception), for an unexpected answer's message.
    private string Failures()
    {
        var lines = host().Log.Split('\n');
        var failed = Array.FindLastIndex(lines, l => l.Contains("failed", StringComparison.Ordinal) && l.Contains("Function", StringComparison.Ordinal));
        return failed < 0 ? "(no failure in the host's log)" : string.Join('\n', lines.Skip(Math.Max(0, failed - 5)).Take(45));
    }

    public void Dispose() => _http.Dispose();
}
