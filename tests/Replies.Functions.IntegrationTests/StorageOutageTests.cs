using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Replies.Functions.IntegrationTests;

/// <summary>
/// Storage stops for 30 seconds in the middle of a run and comes back on the same data: meanwhile every request that
/// needs it is answered 503 in Chinese (a page says the service is briefly unavailable) within the request's time,
/// never a 500; afterwards the lifecycles go on by themselves and nothing answered 200 is lost. Its own Azurite (on
/// disk, so it can be stopped and started again), so it runs beside the other classes.
/// </summary>
public sealed class StorageOutageTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "replies-outage-" + Guid.NewGuid().ToString("N"));
    private AzuriteInstance _azurite = null!;

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(_data);
        _azurite = await AzuriteInstance.StartAsync(_data, null);
    }

    public async Task DisposeAsync()
    {
        await _azurite.DisposeAsync();
        System.IO.Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Requests_get_503_while_storage_is_down_and_lifecycles_go_on_after_it_returns()
    {
        await using var host = await ApiHost.StartAsync(_azurite.ConnectionString);
        var items = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            items.Add(await host.DriveToDraftingAsync());
        }

        // Decisions answered 200 just before the outage; their outcomes must survive it.
        var answered = new List<(string Id, string Action)>();
        foreach (var id in items)
        {
            await host.OkAsync(ApiHost.Handler, $"/api/proposals/{id}/contacts", new { date = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)), form = "座谈", summary = "当面听取意见建议" });
            answered.Add((id, "记录沟通"));
        }

        // Submissions accepted (201) whose lifecycles have barely begun when storage goes away.
        var submitted = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var response = await host.PostAsync(ApiHost.Deputy2, "/api/proposals", new { title = "关于完善城市公共交通的建议" + i, body = "建议优化公交线路，增加高峰时段班次，方便群众出行。", category = "科技创新" });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            submitted.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!);
        }

        using var clerkPage = await host.SignedInBrowserAsync(ApiHost.Clerk);
        await _azurite.StopAsync();
        var down = Stopwatch.StartNew();
        var failures = new List<string>();
        var outageAnswers = 0;
        while (down.Elapsed < TimeSpan.FromSeconds(30))
        {
            var id = items[outageAnswers % items.Count];
            foreach (var (label, send) in new (string, Func<Task<HttpResponseMessage>>)[]
            {
                ("submit", () => host.PostAsync(ApiHost.Deputy, "/api/proposals", new { title = "关于加强社区养老服务的建议", body = "建议完善社区养老服务设施，提升居家养老服务水平。", category = "科技创新" })),
                ("draft", () => host.PostAsync(ApiHost.Handler, $"/api/proposals/{id}/drafts", new { text = "答复稿" })),
                ("detail", async () => await (await host.AsAsync(ApiHost.Clerk)).GetAsync($"/api/proposals/{id}")),
                ("page", () => clerkPage.GetAsync($"/items/{id}")),
            })
            {
                var watch = Stopwatch.StartNew();
                using var response = await send();
                var text = await response.Content.ReadAsStringAsync();
                // The clients' own retries take a few seconds; the request never waits out a network timeout.
                if (watch.Elapsed > TimeSpan.FromSeconds(20))
                {
                    failures.Add($"{label}: answered after {watch.Elapsed.TotalSeconds:0.0} s");
                }

                if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    failures.Add($"{label}: {(int)response.StatusCode} {text[..Math.Min(200, text.Length)]}");
                    continue;
                }

                if (response.Headers.RetryAfter?.Delta is null)
                {
                    failures.Add($"{label}: 503 without Retry-After");
                }

                var expected = label == "page" ? "服务暂时不可用" : "\"title\":\"服务暂时不可用\"";
                if (!text.Contains(expected, StringComparison.Ordinal))
                {
                    failures.Add($"{label}: 503 without the Chinese message: {text[..Math.Min(200, text.Length)]}");
                }

                outageAnswers++;
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures.Distinct()));
        Assert.True(outageAnswers >= 8, $"only {outageAnswers} answers while storage was down");
        _azurite = await _azurite.RestartAsync();

        // Nobody acts: the accepted submissions reach the clerk's review by themselves.
        foreach (var id in submitted)
        {
            await host.WaitForAsync(id, s => s.Stage == ProposalStage.FilingReview, seconds: 120);
        }

        // Nothing answered 200 was lost, and the lifecycles carry on to the reply.
        foreach (var (id, action) in answered)
        {
            var audit = await host.Store.GetAuditAsync(id);
            Assert.Contains(audit, a => a.Action.Contains(action, StringComparison.Ordinal));
        }

        foreach (var id in items)
        {
            var saved = await host.OkAsync(ApiHost.Handler, $"/api/proposals/{id}/drafts", new { text = "您提出的建议收悉。现答复如下：\n一、工作开展情况\n二、下一步打算" });
            await host.OkAsync(ApiHost.Handler, $"/api/proposals/{id}/submission", new { draftVersion = saved.GetProperty("version").GetInt32(), resultClass = "B", disclosure = "Full", handlerName = "徐晓军", handlerPhone = "0355-2022535" });
            await host.OkAsync(ApiHost.Leader, $"/api/proposals/{id}/approval", new { approved = true });
            await host.WaitForAsync(id, s => s.Stage == ProposalStage.AwaitingFeedback);
        }
    }
}
