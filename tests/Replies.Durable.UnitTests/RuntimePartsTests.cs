using Moq;
using Replies.Durable.AzureStorage;
using Replies.Durable.Worker;

namespace Replies.Durable.UnitTests;

public sealed class RuntimePartsTests
{
    [Fact]
    public void Retry_delays_grow_by_the_coefficient_and_stop_at_the_maximum()
    {
        var policy = new RetryPolicy(6, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromSeconds(5));

        Assert.Equal(
            [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)],
            Enumerable.Range(2, 5).Select(policy.DelayBefore));
    }

    [Fact]
    public void Partitions_are_a_stable_hash_of_the_instance_id()
    {
        Assert.Equal(TaskHubStorage.PartitionOf("2026-提案-0001", 4), TaskHubStorage.PartitionOf("2026-提案-0001", 4));
        var spread = Enumerable.Range(0, 400).Select(i => TaskHubStorage.PartitionOf($"p-{i}", 4)).GroupBy(p => p).ToList();
        Assert.Equal(4, spread.Count);
        Assert.All(spread, g => Assert.InRange(g.Count(), 60, 140));
    }

    [Fact]
    public void A_start_without_a_version_takes_the_newest_registered_one_compared_as_numbers()
    {
        var registry = new DurableTaskRegistry()
            .AddOrchestratorFunc<int, int>(new TaskName("R", "2.0"), (_, i) => Task.FromResult(i))
            .AddOrchestratorFunc<int, int>(new TaskName("R", "10.0"), (_, i) => Task.FromResult(i));

        Assert.Equal("10.0", registry.ResolveVersion("R", ""));
        Assert.Equal("2.0", registry.ResolveVersion("R", "2.0"));
        Assert.Throws<ArgumentException>(() => registry.AddOrchestratorFunc<int, int>(new TaskName("R", "2.0"), (_, i) => Task.FromResult(i)));
    }

    [Fact]
    public void Idle_polling_backs_off_to_the_maximum_and_resets_on_work()
    {
        var backoff = new PollingBackoff(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50));

        Assert.Equal([10, 20, 40, 50, 50], Enumerable.Range(0, 5).Select(_ => backoff.Next().TotalMilliseconds));
        backoff.Reset();
        Assert.Equal(10, backoff.Next().TotalMilliseconds);
    }

    [Fact]
    public void Options_outside_what_storage_allows_are_reported()
    {
        var options = new DurableTaskOptions { LeaseDuration = TimeSpan.FromSeconds(5), MaxTimerMessageDelay = TimeSpan.FromDays(8) };

        var problems = options.Validate().ToList();

        Assert.Contains(problems, p => p.Contains("LeaseDuration", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("MaxTimerMessageDelay", StringComparison.Ordinal));
    }

    private sealed class Approval : TaskOrchestrator<string, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
        {
            var draft = await context.CallActivityAsync<string>("SaveDraft", input);
            return await context.CallActivityAsync<string>("Approve", draft);
        }
    }

    [Fact]
    public async Task An_orchestrator_can_be_unit_tested_by_mocking_the_context_as_with_Durable_Functions()
    {
        var context = new Mock<TaskOrchestrationContext>();
        context.Setup(c => c.CallActivityAsync<string>(It.Is<TaskName>(n => n.Name == "SaveDraft"), "正文", It.IsAny<TaskOptions>())).ReturnsAsync("v1");
        context.Setup(c => c.CallActivityAsync<string>(It.Is<TaskName>(n => n.Name == "Approve"), "v1", It.IsAny<TaskOptions>())).ReturnsAsync("approved v1");

        var result = await new Approval().RunAsync(context.Object, "正文");

        Assert.Equal("approved v1", result);
        context.Verify(c => c.CallActivityAsync<string>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions>()), Times.Exactly(2));
    }
}
