using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Replies.Host.Tests;

/// <summary>
/// Storage stops under the real host: requests that need it answer 503 Chinese problem details with Retry-After
/// within seconds (never the host's bare 500, never a 100-second wait); when it returns, the host carries on. Its own
/// Azurite, on disk so it can be started again on the same data and ports. Where the host stops itself over the outage
/// (its own listeners), it is started again as the platform would, and nothing accepted is lost.
/// </summary>
public sealed class StorageStoppedUnderTheHostTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "replies-host-outage-" + Guid.NewGuid().ToString("N"));
    private AzuriteInstance _azurite = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_data);
        _azurite = await AzuriteInstance.StartAsync(_data, null);
        await SampleDirectory.ImportAsync(_azurite.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _azurite.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Requests_get_503_problem_details_while_storage_is_stopped_and_work_goes_on_after()
    {
        await using var host = await FunctionsHostProcess.StartAsync(_azurite.ConnectionString);
        using var api = new HostApi(host);
        var id = await api.SubmitAsync(HostApi.Deputy, "关于加强社区养老服务的建议");
        var clerk = await api.AsAsync(HostApi.Clerk);
        await api.AsAsync(HostApi.Deputy2);

        await _azurite.StopAsync();
        var failures = new List<string>();
        var answered = 0;
        foreach (var (label, send) in new (string, Func<Task<HttpResponseMessage>>)[]
        {
            ("detail", () => clerk.GetAsync($"/api/proposals/{id}")),
            ("submit", () => api.PostAsync(HostApi.Deputy2, "/api/proposals", new { title = "关于完善城市公共交通的建议", body = "建议优化公交线路，增加高峰时段班次，方便群众出行。", category = "交通" })),
            ("filing", () => api.PostAsync(HostApi.Clerk, $"/api/proposals/{id}/filing", new { decision = "File" })),
        })
        {
            var watch = Stopwatch.StartNew();
            HttpResponseMessage response;
            try
            {
                response = await send();
            }
            catch (HttpRequestException) when (host.Log.Contains("Host is shutting down", StringComparison.Ordinal))
            {
                // The host stopped itself over the outage (see below); what it answered before that is what counts.
                break;
            }

            using var _ = response;
            var text = await response.Content.ReadAsStringAsync();
            if (watch.Elapsed > TimeSpan.FromSeconds(20))
            {
                failures.Add($"{label}: answered after {watch.Elapsed.TotalSeconds:0.0} s");
            }

            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"{label}: {(int)response.StatusCode} {text[..Math.Min(200, text.Length)]}");
                continue;
            }

            Assert.NotNull(response.Headers.RetryAfter?.Delta);
            Assert.Equal("服务暂时不可用", JsonDocument.Parse(text).RootElement.GetProperty("title").GetString());
            answered++;
        }

        Assert.True(answered > 0, "the host answered nothing while storage was stopped");
        Assert.True(failures.Count == 0, string.Join('\n', failures) + "\n" + string.Join('\n', host.Log.Split('\n').Where(l => l.Contains("RpcException", StringComparison.Ordinal) || l.Contains("failed", StringComparison.Ordinal)).TakeLast(15)));

        _azurite = await _azurite.RestartAsync();

        // The real host may have stopped itself meanwhile: a listener of its own (the Durable extension's partition
        // leases, the timers' blob leases) that spends its retries throws, and the host's answer to an unhandled
        // exception is "Host is shutting down". The platform then starts the process again; so does this test.
        var current = host;
        var restarted = false;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var after = new HostApi(current);
                await after.StageAsync(HostApi.Clerk, id, s => s is "FilingReview" or "AwaitingAssignment", seconds: 120);
                var filed = await after.PostAsync(HostApi.Clerk, $"/api/proposals/{id}/filing", new { decision = "File" });
                Assert.True(filed.IsSuccessStatusCode || filed.StatusCode == HttpStatusCode.Conflict, $"filing: {(int)filed.StatusCode}");
                await after.StageAsync(HostApi.Clerk, id, s => s == "AwaitingAssignment");
                var later = await after.SubmitAsync(HostApi.Deputy2, "关于完善城市公共交通的建议");
                await after.StageAsync(HostApi.Clerk, later, s => s == "FilingReview", seconds: 120);
                break;
            }
            catch (HttpRequestException) when (attempt == 1 && current.Log.Contains("Host is shutting down", StringComparison.Ordinal))
            {
                await current.StopAsync();
                current = await FunctionsHostProcess.StartAsync(_azurite.ConnectionString);
                restarted = true;
            }
        }

        if (restarted)
        {
            await current.DisposeAsync();
        }
    }
}
