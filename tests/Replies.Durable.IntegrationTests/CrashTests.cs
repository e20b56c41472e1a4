using System.Diagnostics;
using Replies.Durable.AzureStorage;
using Replies.Durable.History;
using Replies.Testing;

namespace Replies.Durable.IntegrationTests;

/// <summary>
/// Worker processes killed at random moments and at every step boundary of an episode: each instance must still
/// finish exactly once, with every step in history once, none lost, on a worker that took over.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class CrashTests(AzuriteFixture azurite) : RuntimeTestBase(azurite)
{
    private const int Steps = 4;

    [Fact]
    public async Task Instances_finish_exactly_once_when_workers_are_killed_at_random_points()
    {
        var random = new Random(20261125);
        var client = await StartHostAsync(_ => { }, runWorker: false);
        var ids = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add(await client.Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.CrashChain, new CrashChainInput(Steps)));
        }

        for (var round = 0; round < 6; round++)
        {
            // The same worker id resumes its leases at once, as a restarted machine would.
            using var worker = StartWorker("crash-node");
            await Task.Delay(random.Next(300, 2500));
            Kill(worker);
        }

        using (var survivor = StartWorker("survivor"))
        {
            await AssertAllFinishedExactlyOnceAsync(client.Client, ids);
            Kill(survivor);
        }
    }

    [Theory]
    [InlineData(Checkpoints.BeforeHistoryCommit, 3)]
    [InlineData(Checkpoints.AfterHistoryCommit, 2)]
    [InlineData(Checkpoints.AfterHistoryCommit, 7)]
    [InlineData(Checkpoints.AfterMessagesSent, 4)]
    [InlineData(Checkpoints.AfterMessagesDeleted, 5)]
    [InlineData(Checkpoints.ActivityBeforeResult, 2)]
    [InlineData(Checkpoints.ActivityAfterResult, 3)]
    public async Task A_worker_killed_at_a_step_boundary_loses_nothing_and_applies_nothing_twice(string checkpoint, int hit)
    {
        var client = await StartHostAsync(_ => { }, runWorker: false);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await client.Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.CrashChain, new CrashChainInput(Steps)));
        }

        using (var doomed = StartWorker("node-a", $"{checkpoint}:{hit}"))
        {
            Assert.True(await doomed.WaitForExitAsync(TimeSpan.FromSeconds(60)), "the worker never reached the checkpoint");
        }

        using var next = StartWorker("node-a");
        await AssertAllFinishedExactlyOnceAsync(client.Client, ids);
        Kill(next);
    }

    [Fact]
    public async Task Two_workers_share_the_partitions_and_one_survives_the_other_dying()
    {
        var local = await StartHostAsync(r => TestTasks.Register(r, Azurite.ConnectionString, Hub));
        using var other = StartWorker("node-b");
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (local.Worker.OwnedPartitions.Count != 2)
        {
            Assert.True(DateTime.UtcNow < deadline, $"partitions never balanced: local owns {local.Worker.OwnedPartitions.Count}");
            await Task.Delay(200);
        }

        var ids = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add(await local.Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.CrashChain, new CrashChainInput(Steps)));
        }

        await Task.Delay(400);
        Kill(other);

        await AssertAllFinishedExactlyOnceAsync(local.Client, ids, TimeSpan.FromSeconds(90));
        Assert.Equal(4, local.Worker.OwnedPartitions.Count);
    }

    [Fact]
    public async Task An_activity_that_kills_its_worker_every_time_becomes_poison_and_fails_its_task()
    {
        var client = await StartHostAsync(_ => { }, runWorker: false);
        var id = await client.Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.PoisonVictim, 0);
        for (var attempt = 0; attempt < 12; attempt++)
        {
            using var worker = StartWorker("poison-node");
            await worker.WaitForExitAsync(TimeSpan.FromSeconds(20));
            Kill(worker);
            var state = await client.Client.GetInstanceAsync(id, true);
            if (state!.IsCompleted)
            {
                Assert.Equal("PoisonMessage", state.ReadOutputAs<string>());
                return;
            }
        }

        Assert.Fail("the poison work item was never given up on");
    }

    private async Task AssertAllFinishedExactlyOnceAsync(DurableTaskClient client, IEnumerable<string> ids, TimeSpan? within = null)
    {
        using var cts = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(90));
        foreach (var id in ids)
        {
            var done = await client.WaitForInstanceCompletionAsync(id, true, cts.Token);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            Assert.Equal("s0,s1,s2,s3,s100", done.ReadOutputAs<string>());

            var rows = await HistoryRowsAsync(id);
            var sentinel = rows.Single(r => r.RowKey == "sentinel");
            var events = rows.Where(r => r.RowKey.StartsWith(sentinel.GetString("ExecutionId") + "|", StringComparison.Ordinal))
                .Take(sentinel.GetInt32("Count")!.Value)
                .Select(r => System.Text.Json.JsonSerializer.Deserialize<HistoryEvent>(r.GetString("Event")!, JsonDataConverter.Options)!)
                .ToList();
            var scheduled = events.Where(e => e is TaskScheduled or TimerCreated or SubOrchestrationCreated).Select(e => e.EventId).ToList();
            var completed = events.Select(HistoryState.CompletionTaskId).OfType<int>().ToList();
            Assert.Equal(scheduled.Count, scheduled.Distinct().Count());
            Assert.Equal(scheduled.Order(), completed.Order());
            Assert.Single(events.OfType<ExecutionStarted>());
            Assert.Single(events.OfType<ExecutionCompleted>());

            // Activities are at least once: every step ran, possibly again after a crash, never not at all.
            var effects = await TestTasks.EffectCountsAsync(Azurite.ConnectionString, Hub, id);
            Assert.All(Enumerable.Range(0, Steps), s => Assert.True(effects.GetValueOrDefault(s) >= 1, $"step {s} of {id} never ran"));
        }
    }

    private Process StartWorker(string workerId, string? crashAt = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Replies.Durable.CrashWorker.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add(Azurite.ConnectionString);
        info.ArgumentList.Add(Hub);
        info.ArgumentList.Add(workerId);
        if (crashAt is not null)
        {
            info.ArgumentList.Add(crashAt);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Kill(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }
}

internal static class ProcessExtensions
{
    public static async Task<bool> WaitForExitAsync(this Process process, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
