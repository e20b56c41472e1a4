using Microsoft.Extensions.Time.Testing;

namespace Replies.Durable.IntegrationTests;

[Collection(AzuriteGroup.Name)]
public sealed class TimerAndEventTests(AzuriteFixture azurite) : RuntimeTestBase(azurite)
{
    [Fact]
    public async Task A_durable_timer_fires_after_its_time()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<int, double>("Sleeper", async (ctx, ms) =>
        {
            var start = ctx.CurrentUtcDateTime;
            await ctx.CreateTimer(TimeSpan.FromMilliseconds(ms), CancellationToken.None);
            return (ctx.CurrentUtcDateTime - start).TotalMilliseconds;
        }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleeper", 700);
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, Timeout());

        Assert.True(done.ReadOutputAs<double>() >= 700);
    }

    [Fact]
    public async Task A_three_month_deadline_fires_when_a_fake_clock_passes_it()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var host = await StartHostAsync(
            r => r.AddOrchestratorFunc<object?, string>("Deadline", async (ctx, _) =>
            {
                using var cts = new CancellationTokenSource();
                var due = ctx.CreateTimer(ctx.CurrentUtcDateTime.AddMonths(3), cts.Token);
                var reply = ctx.WaitForExternalEvent<string>("Replied", cts.Token);
                var winner = await Task.WhenAny(due, reply);
#pragma warning disable CA1849 // CancelAsync would run the timer's callback off the orchestration thread.
                cts.Cancel();
#pragma warning restore CA1849
                return winner == reply ? "replied" : $"overdue at {ctx.CurrentUtcDateTime:yyyy-MM-dd}";
            }),
            time: clock);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Deadline");
        await host.Client.WaitForInstanceStartAsync(id, false, Timeout());
        await Task.Delay(500);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);

        clock.Advance(TimeSpan.FromDays(93));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, Timeout(30));

        Assert.Equal("overdue at 2026-06-03", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task External_events_are_delivered_in_order_including_those_raised_before_the_wait()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<object?, string>("Listener", async (ctx, _) =>
        {
            await ctx.WaitForExternalEvent<string>("Go");
            var first = await ctx.WaitForExternalEvent<string>("Note");
            var second = await ctx.WaitForExternalEvent<string>("Note");
            ctx.SetCustomStatus(new { first, second });
            return first + second;
        }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Listener");
        await host.Client.RaiseEventAsync(id, "Note", "甲");
        await host.Client.RaiseEventAsync(id, "Note", "乙");
        await Task.Delay(300);
        await host.Client.RaiseEventAsync(id, "Go", "now");
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, Timeout());

        Assert.Equal("甲乙", done.ReadOutputAs<string>());
        Assert.Contains("甲", done.SerializedCustomStatus, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waiting_for_an_event_with_a_timeout_ends_with_a_cancellation_when_nothing_arrives()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<object?, string>("Impatient", async (ctx, _) =>
        {
            try
            {
                return await ctx.WaitForExternalEvent<string>("Answer", TimeSpan.FromMilliseconds(400));
            }
            catch (TaskCanceledException)
            {
                return "timed out";
            }
        }));

        var quiet = await host.Client.ScheduleNewOrchestrationInstanceAsync("Impatient");
        var answered = await host.Client.ScheduleNewOrchestrationInstanceAsync("Impatient");
        await host.Client.RaiseEventAsync(answered, "Answer", "yes");

        Assert.Equal("timed out", (await host.Client.WaitForInstanceCompletionAsync(quiet, true, Timeout())).ReadOutputAs<string>());
        Assert.Equal("yes", (await host.Client.WaitForInstanceCompletionAsync(answered, true, Timeout())).ReadOutputAs<string>());
    }

    [Fact]
    public async Task An_event_raised_in_the_owning_process_is_handled_long_before_the_next_poll()
    {
        await using var host = await StartHostAsync(
            r => r.AddOrchestratorFunc<object?, string>("Waits", async (ctx, _) => await ctx.WaitForExternalEvent<string>("Ping")),
            o =>
            {
                o.MinPollingInterval = TimeSpan.FromSeconds(10);
                o.MaxPollingInterval = TimeSpan.FromSeconds(10);
            });

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits");
        await host.Client.WaitForInstanceStartAsync(id, false, Timeout());
        await Task.Delay(200);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await host.Client.RaiseEventAsync(id, "Ping", "pong");
        await host.Client.WaitForInstanceCompletionAsync(id, false, Timeout());

        // A poll would take ten seconds; the local wake-up takes a few storage round trips.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
    }
}
