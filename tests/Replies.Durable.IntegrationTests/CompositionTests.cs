namespace Replies.Durable.IntegrationTests;

[Collection(AzuriteGroup.Name)]
public sealed class CompositionTests(AzuriteFixture azurite) : RuntimeTestBase(azurite)
{
    [Fact]
    public async Task Sub_orchestrations_return_results_and_report_failures_to_the_parent()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestratorFunc<int, string>("Parent", async (ctx, n) =>
            {
                var children = Enumerable.Range(0, n).Select(i => ctx.CallSubOrchestratorAsync<int>("Child", i)).ToList();
                var sum = (await Task.WhenAll(children)).Sum();
                try
                {
                    await ctx.CallSubOrchestratorAsync<int>("Child", -1, new SubOrchestrationOptions(instanceId: ctx.InstanceId + "-bad"));
                    return "no";
                }
                catch (TaskFailedException ex)
                {
                    return $"{sum}|{ex.FailureDetails.ErrorMessage}";
                }
            })
            .AddOrchestratorFunc<int, int>("Child", async (ctx, i) =>
                i < 0 ? throw new ArgumentOutOfRangeException(nameof(i), "负数") : await ctx.CallActivityAsync<int>("Double", i))
            .AddActivityFunc<int, int>("Double", (_, i) => Task.FromResult(i * 2)));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent", 4);
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, Timeout());

        Assert.StartsWith("12|", done.ReadOutputAs<string>(), StringComparison.Ordinal);
        Assert.Contains("负数", done.ReadOutputAs<string>(), StringComparison.Ordinal);
        var child = await host.Client.GetInstanceAsync(id + "-bad");
        Assert.Equal(OrchestrationRuntimeStatus.Failed, child!.RuntimeStatus);
    }

    [Fact]
    public async Task ContinueAsNew_restarts_with_new_input_and_carries_unprocessed_events()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<int, int>("Counter", async (ctx, count) =>
        {
            if (count < 3)
            {
                await ctx.CallActivityAsync<int>("Noop", count);
                ctx.ContinueAsNew(count + 1);
                return count;
            }

            return count * 100 + int.Parse(await ctx.WaitForExternalEvent<string>("Final"), System.Globalization.CultureInfo.InvariantCulture);
        }).AddActivityFunc<int, int>("Noop", (_, i) => Task.FromResult(i)));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Counter", 0);
        await host.Client.RaiseEventAsync(id, "Final", "7");
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, Timeout());

        Assert.Equal(307, done.ReadOutputAs<int>());
        Assert.Equal(id, done.InstanceId);

        // Earlier executions' rows are deleted in the background once the new execution has committed.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var rows = await HistoryRowsAsync(id);
            var current = rows.Single(r => r.RowKey == "sentinel").GetString("ExecutionId") + "|";
            var stale = rows.Count(r => r.RowKey != "sentinel" && !r.RowKey.StartsWith(current, StringComparison.Ordinal));
            if (stale == 0)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{stale} rows of earlier executions remain");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Running_instances_finish_on_the_version_they_started_with()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestratorFunc<object?, string>(new TaskName("Reply", "1"), async (ctx, _) => "v1:" + await ctx.WaitForExternalEvent<string>("Go"))
            .AddOrchestratorFunc<object?, string>(new TaskName("Reply", "2"), async (ctx, _) =>
            {
                var x = await ctx.CallActivityAsync<string>("Stamp", "v2");
                return x + ":" + await ctx.WaitForExternalEvent<string>("Go");
            })
            .AddActivityFunc<string, string>("Stamp", (_, s) => Task.FromResult(s)));

        var old = await host.Client.ScheduleNewOrchestrationInstanceAsync(new TaskName("Reply", "1"));
        var latest = await host.Client.ScheduleNewOrchestrationInstanceAsync("Reply");
        await host.Client.RaiseEventAsync(old, "Go", "a");
        await host.Client.RaiseEventAsync(latest, "Go", "b");

        var o = await host.Client.WaitForInstanceCompletionAsync(old, true, Timeout());
        var l = await host.Client.WaitForInstanceCompletionAsync(latest, true, Timeout());
        Assert.Equal("v1:a", o.ReadOutputAs<string>());
        Assert.Equal("v2:b", l.ReadOutputAs<string>());
        Assert.Equal("2", l.Version);
    }

    [Fact]
    public async Task Code_that_changes_its_steps_under_a_running_instance_fails_it_as_non_deterministic()
    {
        var flipped = false;
        await using var host = await StartHostAsync(r => r
            .AddOrchestratorFunc<object?, string>("Drifts", async (ctx, _) =>
            {
                await ctx.CallActivityAsync<string>(flipped ? "Other" : "First");
                await ctx.WaitForExternalEvent<string>("Go");
                return "done";
            })
            .AddActivityFunc<object?, string>("First", (_, _) => Task.FromResult("1"))
            .AddActivityFunc<object?, string>("Other", (_, _) => Task.FromResult("2")));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Drifts");
        await Task.Delay(800);
        flipped = true;
        await host.Client.RaiseEventAsync(id, "Go", "now");
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, Timeout());

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, done.FailureDetails!.ErrorType);
        Assert.Contains("'First'", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("'Other'", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Awaiting_a_non_durable_task_fails_the_instance_with_a_clear_error()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<object?, string>("Sleeps", async (ctx, _) =>
        {
            await Task.Delay(50);
            return "woke";
        }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleeps");
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, Timeout());

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("not a durable task", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }
}
