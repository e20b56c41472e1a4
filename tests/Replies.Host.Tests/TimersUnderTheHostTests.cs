using System.Net;
using System.Text;
using System.Text.Json;
using Replies.Workflows.Deadlines;
using Replies.Workflows.Storage;

namespace Replies.Host.Tests;

/// <summary>
/// The timer functions under the real host with the settings of functions/local.settings.json (the ones infra/ sets):
/// indexed, none disabled for a setting that does not resolve, each run through the host's admin API; the deadline
/// sweep raises an alarm once the development clock has passed it.
/// </summary>
[Collection(OneHost.Name)]
public sealed class TimersUnderTheHostTests(OneHostFixture fixture)
{
    private static readonly string[] Timers = ["LoadSampleData", "PurgeCompletedHistory", "SweepDeadlines", "RunWatchdog"];

    [Fact]
    public async Task Every_timer_function_is_indexed_enabled_and_runs()
    {
        using var admin = Admin();
        var listed = JsonDocument.Parse(await admin.GetStringAsync("/admin/functions")).RootElement;
        foreach (var timer in Timers)
        {
            var function = listed.EnumerateArray().SingleOrDefault(f => f.GetProperty("name").GetString() == timer);
            Assert.True(function.ValueKind == JsonValueKind.Object, $"{timer} is not indexed by the host");
            Assert.False(function.TryGetProperty("isDisabled", out var disabled) && disabled.GetBoolean(), $"{timer} is disabled");
        }

        Assert.DoesNotContain("does not resolve to a value", fixture.Host.Log, StringComparison.Ordinal);
        foreach (var timer in Timers)
        {
            await RunAsync(admin, timer);
        }
    }

    [Fact]
    public async Task The_deadline_sweep_raises_an_alarm_that_has_come_due()
    {
        using var api = new HostApi(fixture.Host);
        var id = await api.SubmitAsync(HostApi.Deputy, "关于推进乡村振兴人才培养的建议", [HostApi.Deputy2]);
        Assert.Equal("CoSigning", await api.StageAsync(HostApi.Deputy, id, s => s == "CoSigning"));

        var alarms = new AlarmStore(new ReplyStorage(fixture.Storage));
        var alarm = await Eventually.GetAsync(() => alarms.ForInstanceAsync(id), a => a is not null, TimeSpan.FromSeconds(10), _ => $"{id} has no alarm");
        Assert.NotNull(alarm);
        Assert.True(alarm.Value.At > DateTime.UtcNow.AddDays(1), $"the co-signing window ends {alarm.Value.At:u}");

        // Nothing is due yet: a sweep leaves the item where it is.
        using var admin = Admin();
        await RunAsync(admin, "SweepDeadlines");
        Assert.Equal("CoSigning", await api.StageAsync(HostApi.Clerk, id, _ => true));

        // Three weeks on (the worker's development clock), the window has closed; the sweep tells the lifecycle.
        try
        {
            await SetClockAsync(api, 21 * 24);
            await RunAsync(admin, "SweepDeadlines");
            Assert.Equal("FilingReview", await api.StageAsync(HostApi.Clerk, id, s => s == "FilingReview"));
            var detail = await api.GetJsonAsync(HostApi.Clerk, $"/api/proposals/{id}");
            Assert.Contains(detail.GetProperty("history").EnumerateArray(), h => h.GetProperty("action").GetString() == "联名确认期满");
            Assert.NotEqual(alarm.Value.Key, (await alarms.ForInstanceAsync(id))?.Key);
        }
        finally
        {
            await SetClockAsync(api, 0);
        }
    }

    private static async Task SetClockAsync(HostApi api, double hours)
    {
        var response = await api.Anonymous.PutAsync("/api/dev/clock", new StringContent($"{{\"offsetHours\":{hours}}}", Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private HttpClient Admin()
    {
        var client = fixture.Host.Client();
        client.DefaultRequestHeaders.Add("x-functions-key", fixture.Host.MasterKey());
        return client;
    }

    /// <summary>Runs a non-HTTP function through the host's admin API and waits for the host to log its success.</summary>
    private async Task RunAsync(HttpClient admin, string name)
    {
        var before = fixture.Host.Runs(name, "Succeeded");
        var failedBefore = fixture.Host.Runs(name, "Failed");
        var response = await admin.PostAsync($"/admin/functions/{name}", new StringContent("{\"input\":\"\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Eventually.TrueAsync(
            () =>
            {
                Assert.Equal(failedBefore, fixture.Host.Runs(name, "Failed"));
                return fixture.Host.Runs(name, "Succeeded") > before;
            },
            TimeSpan.FromSeconds(60),
            $"{name} did not run to success");
    }
}
