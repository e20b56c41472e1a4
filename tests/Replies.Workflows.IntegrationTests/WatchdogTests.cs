using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Replies.Workflows.Deadlines;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;
using Replies.Workflows.Watchdog;
using static Replies.Workflows.IntegrationTests.LifecycleHarness;

namespace Replies.Workflows.IntegrationTests;

/// <summary>The watchdog on the real engine: what it repairs, what it shows the clerk office, and that it leaves alone what is moving.</summary>
public sealed class WatchdogTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan PastThreshold = new WatchdogOptions().OutcomeAfter + TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_decision_whose_event_never_reached_the_lifecycle_is_raised_again_and_answered()
    {
        await using var h = await StartAsync(azurite.ConnectionString);
        var id = await h.DriveToDraftingAsync("2026-0601", withCoHandler: false);
        var watchdog = h.Services.GetRequiredService<Watchdog.Watchdog>();

        // Marked as sent, and the process died before the event was raised.
        var contact = new ContactRecorded("never-raised", Handler, new DateOnly(2026, 3, 5), "电话", "沟通办理思路") { At = h.Clock.GetUtcNow().UtcDateTime };
        await h.Ledger.MarkSentAsync(id, contact, h.Clock.GetUtcNow());
        Assert.False((await watchdog.RunAsync(h.Client)).Acted);

        h.Clock.Advance(PastThreshold);
        var report = await watchdog.RunAsync(h.Client);
        Assert.Equal(1, report.RaisedAgain);
        Assert.True((await h.OutcomeAsync(id, contact.RequestId)).Accepted);
        Assert.Single((await h.WaitForAsync(id, s => s.Contacts.Count > 0)).Contacts);

        // Answered now: its mark is cleared and nothing more is done.
        h.Clock.Advance(PastThreshold);
        var after = await watchdog.RunAsync(h.Client);
        Assert.False(after.Acted);
        Assert.Null(await h.Ledger.GetSentAsync(id, contact.RequestId));
    }

    [Fact]
    public async Task A_lifecycle_ended_by_hand_and_the_decision_it_never_answered_are_shown_and_cleared_once_answered()
    {
        await using var h = await StartAsync(azurite.ConnectionString);
        var id = await h.SubmitAsync("2026-0602");
        await h.Client.TerminateInstanceAsync(id);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await h.Client.WaitForInstanceCompletionAsync(id, wait.Token);
        var filing = new FilingDecided("to-a-terminated-item", Clerk, FilingDecision.File) { At = h.Clock.GetUtcNow().UtcDateTime };
        await h.Ledger.MarkSentAsync(id, filing, h.Clock.GetUtcNow());
        await h.RaiseAsync(id, filing);
        var watchdog = h.Services.GetRequiredService<Watchdog.Watchdog>();

        h.Clock.Advance(PastThreshold);
        var report = await watchdog.RunAsync(h.Client);
        Assert.Equal(
            [(id, AnomalyKind.DecisionUnanswered), (id, AnomalyKind.LifecycleTerminated)],
            report.Anomalies.Select(a => (a.ProposalId, a.Kind)).Order());
        Assert.Contains("市政府督查室", report.Anomalies.Single(a => a.Kind == AnomalyKind.DecisionUnanswered).Reason, StringComparison.Ordinal);
        var shown = await h.Services.GetRequiredService<AnomalyStore>().ListAsync();
        Assert.Equal(report.Anomalies.Select(a => a.Reason).Order(), shown.Select(a => a.Reason).Order());

        // Once the decision has an answer (an administrator's), its 处理异常 goes; the first one's time is kept.
        await h.Ledger.RecordOutcomeAsync(id, new RequestOutcome(filing.RequestId, false, "本件办理流程已终止。", ProposalStage.FilingReview, h.Clock.GetUtcNow().UtcDateTime));
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        var later = await watchdog.RunAsync(h.Client);
        Assert.Equal(1, later.Cleared);
        var left = Assert.Single(later.Anomalies);
        Assert.Equal((AnomalyKind.LifecycleTerminated, shown.Single(a => a.Kind == AnomalyKind.LifecycleTerminated).Since), (left.Kind, left.Since));
    }

    /// <summary>
    /// A stand-in named ProposalLifecycle whose one activity fails (no retry) until it has failed <c>failures</c>
    /// times: the watchdog rewinds the failed instance through the engine, and one that fails again is shown instead
    /// of rewound again.
    /// </summary>
    [Theory]
    [InlineData(1, OrchestrationRuntimeStatus.Completed)]
    [InlineData(100, OrchestrationRuntimeStatus.Failed)]
    public async Task A_failed_lifecycle_is_rewound_once_and_shown_if_it_fails_again(int failures, OrchestrationRuntimeStatus final)
    {
        var prefix = AzuriteFixture.NewHubName("dog");
        var storage = new ReplyStorage(azurite.ConnectionString, prefix);
        await storage.EnsureCreatedAsync();
        var calls = 0;
        await using var host = await DurableTestHost.StartAsync(azurite.ConnectionString, prefix + "hub", tasks => tasks
            .AddOrchestratorFunc<string, string>(nameof(ProposalLifecycle), async (context, input) => await context.CallActivityAsync<string>("Flaky", input))
            .AddActivityFunc<string, string>("Flaky", (_, input) => Interlocked.Increment(ref calls) <= failures ? throw new InvalidOperationException("存储暂不可用") : Task.FromResult(input)));
        var watchdog = new Watchdog.Watchdog(storage, new ProposalStore(storage), new DecisionLedger(storage), new AlarmStore(storage), new AnomalyStore(storage), Options.Create(new WatchdogOptions()), TimeProvider.System, NullLogger<Watchdog.Watchdog>.Instance);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ProposalLifecycle), "2026-0603", new StartOrchestrationOptions("2026-0603"));
        var failed = await WaitForAsync(host.Client, id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Failed);

        var first = await watchdog.RunAsync(host.Client);
        Assert.Equal((1, 0), (first.Rewound, first.Anomalies.Count));
        var after = await WaitForAsync(host.Client, id, m => m.RuntimeStatus == final && m.LastUpdatedAt > failed.LastUpdatedAt);
        Assert.Equal(2, calls);

        var second = await watchdog.RunAsync(host.Client);
        Assert.Equal(0, second.Rewound);
        if (final == OrchestrationRuntimeStatus.Failed)
        {
            var shown = Assert.Single(second.Anomalies);
            Assert.Equal(AnomalyKind.LifecycleFailed, shown.Kind);
            Assert.Contains("存储暂不可用", shown.Reason, StringComparison.Ordinal);
        }
        else
        {
            Assert.Empty(second.Anomalies);
        }
    }

    private static async Task<OrchestrationMetadata> WaitForAsync(DurableTaskClient client, string id, Func<OrchestrationMetadata, bool> done) =>
        (await Eventually.GetAsync(() => client.GetInstanceAsync(id), m => m is not null && done(m), TimeSpan.FromSeconds(60), m => $"{id} never reached the expected state; last {m?.RuntimeStatus}"))!;
}
