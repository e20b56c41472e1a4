using Replies.Durable.History;

namespace Replies.Durable.IntegrationTests;

[Collection(AzuriteGroup.Name)]
public sealed class ActivityTests(AzuriteFixture azurite) : RuntimeTestBase(azurite)
{
    [Fact]
    public async Task A_chain_of_activities_runs_in_order_and_records_each_step_once()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestratorFunc<int, List<int>>("Chain", async (ctx, n) =>
            {
                var values = new List<int>();
                var x = 0;
                for (var i = 0; i < n; i++)
                {
                    x = await ctx.CallActivityAsync<int>("AddOne", x);
                    values.Add(x);
                }

                return values;
            })
            .AddActivityFunc<int, int>("AddOne", (_, x) => Task.FromResult(x + 1)));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", 5);
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, Timeout());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal([1, 2, 3, 4, 5], done.ReadOutputAs<List<int>>());
        var kinds = (await HistoryRowsAsync(id)).Where(r => r.RowKey != "sentinel").Select(r => r.GetString("Kind")).ToList();
        Assert.Equal(5, kinds.Count(k => k == nameof(TaskScheduled)));
        Assert.Equal(5, kinds.Count(k => k == nameof(TaskCompleted)));
        Assert.Single(kinds, nameof(ExecutionCompleted));
    }

    [Fact]
    public async Task Episodes_and_activities_are_reported_on_the_Replies_Durable_meter_and_activity_source()
    {
        long episodes = 0, activities = 0;
        var spans = new List<string>();
        using var meter = new System.Diagnostics.Metrics.MeterListener();
        meter.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Replies.Durable")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meter.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "durable.episodes")
            {
                Interlocked.Add(ref episodes, value);
            }
            else if (instrument.Name == "durable.activities")
            {
                Interlocked.Add(ref activities, value);
            }
        });
        meter.Start();
        using var tracing = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == "Replies.Durable",
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllData,
            ActivityStopped = a => { lock (spans) { spans.Add(a.DisplayName); } },
        };
        System.Diagnostics.ActivitySource.AddActivityListener(tracing);
        await using var host = await StartHostAsync(r => r
            .AddOrchestratorFunc<int, int>("Two", async (ctx, x) => await ctx.CallActivityAsync<int>("Inc", await ctx.CallActivityAsync<int>("Inc", x)))
            .AddActivityFunc<int, int>("Inc", (_, x) => Task.FromResult(x + 1)));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Two", 1);
        await host.Client.WaitForInstanceCompletionAsync(id, true, Timeout());

        Assert.True(Interlocked.Read(ref episodes) >= 3, $"episodes: {episodes}");
        Assert.True(Interlocked.Read(ref activities) >= 2, $"activities: {activities}");
        lock (spans)
        {
            Assert.Contains("activity Inc", spans);
            Assert.Contains("episode", spans);
        }
    }

    [Fact]
    public async Task Fan_out_and_fan_in_gathers_twenty_results()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestratorFunc<int, int>("FanOut", async (ctx, n) =>
            {
                var tasks = Enumerable.Range(1, n).Select(i => ctx.CallActivityAsync<int>("Square", i)).ToList();
                var results = await Task.WhenAll(tasks);
                return results.Sum();
            })
            .AddActivityFunc<int, int>("Square", (_, x) => Task.FromResult(x * x)));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("FanOut", 20);
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, Timeout());

        Assert.Equal(Enumerable.Range(1, 20).Sum(i => i * i), done.ReadOutputAs<int>());
    }

    [Fact]
    public async Task An_activity_failure_reaches_the_orchestrator_with_its_details_and_an_unhandled_one_fails_the_instance()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestratorFunc<bool, string>("Catches", async (ctx, rethrow) =>
            {
                try
                {
                    await ctx.CallActivityAsync<string>("Throws");
                    return "no";
                }
                catch (TaskFailedException ex) when (!rethrow)
                {
                    return $"{ex.FailureDetails.ErrorType}|{ex.FailureDetails.ErrorMessage}|{ex.FailureDetails.IsCausedBy<InvalidOperationException>()}";
                }
            })
            .AddActivityFunc<object?, string>("Throws", (_, _) => throw new InvalidOperationException("库存不足")));

        var caught = await host.Client.ScheduleNewOrchestrationInstanceAsync("Catches", false);
        var failed = await host.Client.ScheduleNewOrchestrationInstanceAsync("Catches", true);
        var a = await host.Client.WaitForInstanceCompletionAsync(caught, true, Timeout());
        var b = await host.Client.WaitForInstanceCompletionAsync(failed, true, Timeout());

        Assert.Equal("System.InvalidOperationException|库存不足|True", a.ReadOutputAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Failed, b.RuntimeStatus);
        Assert.Equal("System.InvalidOperationException", b.FailureDetails!.ErrorType);
        Assert.Contains("库存不足", b.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_policy_retries_with_durable_timers_until_the_activity_succeeds_or_attempts_run_out()
    {
        var calls = new Dictionary<string, int>();
        await using var host = await StartHostAsync(r => r
            .AddOrchestratorFunc<int, string>("Retries", async (ctx, failures) =>
            {
                var policy = new RetryPolicy(3, TimeSpan.FromMilliseconds(100), 2.0);
                try
                {
                    return await ctx.CallActivityAsync<string>("Flaky", new[] { ctx.InstanceId, failures.ToString(System.Globalization.CultureInfo.InvariantCulture) }, TaskOptions.FromRetryPolicy(policy));
                }
                catch (TaskFailedException)
                {
                    return "gave up";
                }
            })
            .AddActivityFunc<string[], string>("Flaky", (_, args) =>
            {
                lock (calls)
                {
                    calls[args[0]] = calls.GetValueOrDefault(args[0]) + 1;
                    if (calls[args[0]] <= int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture))
                    {
                        throw new TimeoutException("temporary");
                    }

                    return Task.FromResult($"ok after {calls[args[0]]}");
                }
            }));

        var recovers = await host.Client.ScheduleNewOrchestrationInstanceAsync("Retries", 2);
        var exhausts = await host.Client.ScheduleNewOrchestrationInstanceAsync("Retries", 5);

        Assert.Equal("ok after 3", (await host.Client.WaitForInstanceCompletionAsync(recovers, true, Timeout())).ReadOutputAs<string>());
        Assert.Equal("gave up", (await host.Client.WaitForInstanceCompletionAsync(exhausts, true, Timeout())).ReadOutputAs<string>());
        Assert.Equal(3, calls[exhausts]);
        var timers = (await HistoryRowsAsync(recovers)).Count(r => r.GetString("Kind") == nameof(TimerCreated));
        Assert.Equal(2, timers);
    }

    [Fact]
    public async Task Large_inputs_outputs_and_activity_results_go_through_blobs()
    {
        var big = new string('案', 120_000);
        await using var host = await StartHostAsync(r => r
            .AddOrchestratorFunc<string, string>("Big", async (ctx, input) => await ctx.CallActivityAsync<string>("Echo", input + "!"))
            .AddActivityFunc<string, string>("Echo", (_, s) => Task.FromResult(s + "?")));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Big", big);
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, Timeout());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(big + "!?", done.ReadOutputAs<string>());
        Assert.Equal(big, done.ReadInputAs<string>());
        Assert.Contains(await HistoryRowsAsync(id), r => r.GetString("EventBlob") is not null);
    }
}
