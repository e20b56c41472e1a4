using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Replies.Local.Engine;

namespace Replies.Local.IntegrationTests;

/// <summary>The project's DurableTaskClient over the framework's Azure Storage service, against the real engine on Azurite.</summary>
public sealed class EngineClientTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    public sealed record Greeting(string Name, IReadOnlyList<string> Titles);

    private static void Register(EngineTasks r) => r
        .AddOrchestratorFunc<Greeting, string>("Greet", async (ctx, g) =>
        {
            var line = await ctx.CallActivityAsync<string>("Line", g!.Name);
            var confirmed = await ctx.WaitForExternalEvent<string>("Confirm");
            ctx.SetCustomStatus(new { step = "confirmed", confirmed });
            return $"{line}；{confirmed}；{string.Join("、", g.Titles)}";
        })
        .AddOrchestratorFunc<int, int>("Fail", (_, _) => throw new InvalidOperationException("办理失败：缺少主办单位"))
        .AddOrchestratorFunc<int, int>("Wait", async (ctx, _) => await ctx.WaitForExternalEvent<int>("Go"))
        .AddActivityFunc<string, string>("Line", (_, name) => Task.FromResult<string?>($"{name}代表：您好"));

    private static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    [Fact]
    public async Task Inputs_events_outputs_and_custom_status_round_trip_in_Chinese()
    {
        await using var host = await DurableTestHost.StartAsync(azurite.ConnectionString, AzuriteFixture.NewHubName("client"), Register);
        var client = host.Client;
        var id = await client.ScheduleNewOrchestrationInstanceAsync("Greet", new Greeting("叶元朋", ["关于加强科技创新的建议"]), new StartOrchestrationOptions("greet-1"));
        Assert.Equal("greet-1", id);

        var started = await client.WaitForInstanceStartAsync(id, getInputsAndOutputs: true, Timeout);
        Assert.Equal("Greet", started.Name);
        Assert.Equal("叶元朋", started.ReadInputAs<Greeting>()!.Name);

        await client.RaiseEventAsync(id, "Confirm", "已确认", Timeout);
        var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Timeout);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("叶元朋代表：您好；已确认；关于加强科技创新的建议", done.ReadOutputAs<string>());
        Assert.Contains("confirmed", done.SerializedCustomStatus, StringComparison.Ordinal);
        Assert.True(done.LastUpdatedAt >= done.CreatedAt);

        var withoutPayloads = await client.GetInstanceAsync(id);
        Assert.Null(withoutPayloads!.SerializedInput);
        Assert.Null(await client.GetInstanceAsync("no-such-instance"));
    }

    [Fact]
    public async Task A_second_start_of_a_running_id_is_refused_and_a_finished_one_may_start_again()
    {
        await using var host = await DurableTestHost.StartAsync(azurite.ConnectionString, AzuriteFixture.NewHubName("client"), Register);
        var client = host.Client;
        await client.ScheduleNewOrchestrationInstanceAsync("Wait", 0, new StartOrchestrationOptions("dup"));
        await client.WaitForInstanceStartAsync("dup", cancellation: Timeout);
        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => client.ScheduleNewOrchestrationInstanceAsync("Wait", 0, new StartOrchestrationOptions("dup")));

        await client.RaiseEventAsync("dup", "Go", 7);
        Assert.Equal(7, (await client.WaitForInstanceCompletionAsync("dup", true, Timeout)).ReadOutputAs<int>());
        await client.ScheduleNewOrchestrationInstanceAsync("Wait", 0, new StartOrchestrationOptions("dup"));
        await client.RaiseEventAsync("dup", "Go", 8);
        Assert.Equal(8, (await client.WaitForInstanceCompletionAsync("dup", true, Timeout)).ReadOutputAs<int>());
    }

    [Fact]
    public async Task A_failed_orchestration_reports_its_error()
    {
        await using var host = await DurableTestHost.StartAsync(azurite.ConnectionString, AzuriteFixture.NewHubName("client"), Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Fail", 1);
        var failed = await host.Client.WaitForInstanceCompletionAsync(id, true, Timeout);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.NotNull(failed.FailureDetails);
        Assert.Contains("缺少主办单位", failed.FailureDetails!.ErrorMessage + failed.SerializedOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suspend_resume_terminate_purge_and_query()
    {
        await using var host = await DurableTestHost.StartAsync(azurite.ConnectionString, AzuriteFixture.NewHubName("client"), Register);
        var client = host.Client;
        foreach (var n in Enumerable.Range(1, 3))
        {
            await client.ScheduleNewOrchestrationInstanceAsync("Wait", n, new StartOrchestrationOptions($"q-{n}"));
            await client.WaitForInstanceStartAsync($"q-{n}", cancellation: Timeout);
        }

        await client.SuspendInstanceAsync("q-1", "暂停");
        await WaitForStatusAsync(client, "q-1", OrchestrationRuntimeStatus.Suspended);
        await client.RaiseEventAsync("q-1", "Go", 1);
        await client.ResumeInstanceAsync("q-1", "恢复");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await client.WaitForInstanceCompletionAsync("q-1", cancellation: Timeout)).RuntimeStatus);

        await client.TerminateInstanceAsync("q-2", new TerminateInstanceOptions("撤回"));
        var terminated = await client.WaitForInstanceCompletionAsync("q-2", true, Timeout);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, terminated.RuntimeStatus);

        var running = new List<string>();
        await foreach (var m in client.GetAllInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Running], PageSize = 1 }))
        {
            running.Add(m.InstanceId);
        }

        Assert.Equal(["q-3"], running);
        var prefixed = new List<string>();
        await foreach (var m in client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "q-" }))
        {
            prefixed.Add(m.InstanceId);
        }

        Assert.Equal(["q-1", "q-2", "q-3"], prefixed.Order());
        Assert.Equal(1, (await client.PurgeInstanceAsync("q-2")).PurgedInstanceCount);
        Assert.Null(await client.GetInstanceAsync("q-2"));
        var purged = await client.PurgeAllInstancesAsync(new PurgeInstancesFilter(null, DateTimeOffset.UtcNow.AddMinutes(1), [OrchestrationRuntimeStatus.Completed]));
        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Null(await client.GetInstanceAsync("q-1"));
        Assert.NotNull(await client.GetInstanceAsync("q-3"));
    }

    [Fact]
    public async Task A_client_in_another_process_reaches_the_worker_by_polling()
    {
        var hub = AzuriteFixture.NewHubName("client");
        await using var worker = await DurableTestHost.StartAsync(azurite.ConnectionString, hub, Register);
        // Its own orchestration service: nothing it sends wakes the worker's poller directly.
        await using var remote = await DurableTestHost.StartAsync(azurite.ConnectionString, hub, _ => { }, runWorker: false);
        var id = await remote.Client.ScheduleNewOrchestrationInstanceAsync("Wait", 0);
        await remote.Client.WaitForInstanceStartAsync(id, cancellation: Timeout);
        await remote.Client.RaiseEventAsync(id, "Go", 42);
        Assert.Equal(42, (await remote.Client.WaitForInstanceCompletionAsync(id, true, Timeout)).ReadOutputAs<int>());
        Assert.False(remote.Engine.IsWorkerRunning);
        var owned = await worker.Engine.OwnedPartitionsAsync();
        Assert.Equal(new[] { 0, 1, 2, 3 }, owned);
    }

    private static Task WaitForStatusAsync(DurableTaskClient client, string id, OrchestrationRuntimeStatus status) =>
        Eventually.TrueAsync(async () => (await client.GetInstanceAsync(id))?.RuntimeStatus == status, TimeSpan.FromSeconds(60), $"{id} never reached {status}", TimeSpan.FromMilliseconds(25));
}
