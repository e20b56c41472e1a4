using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Replies.Workflows.Deadlines;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Rules;
using Replies.Workflows.Storage;

namespace Replies.Workflows.Watchdog;

/// <summary>
/// Finds what has not moved when it should have, repairs what it safely can and leaves the rest to the clerk office as
/// 处理异常 (<see cref="AnomalyStore"/>): a failed lifecycle is rewound (its failed activities run again; every activity
/// is idempotent and a transition stored twice is stored once); a decision without an outcome is raised again from
/// its sent mark (the instance ignores a request it has taken), or answered when its item has ended; an alarm still
/// waiting after it fell due is raised again. What is still stuck after a repair, and what it cannot repair (a
/// lifecycle terminated by hand, one never started), is reported with the reason.
/// </summary>
public sealed partial class Watchdog(ReplyStorage storage, ProposalStore store, DecisionLedger ledger, AlarmStore alarms, AnomalyStore anomalies, IOptions<WatchdogOptions> options, TimeProvider time, ILogger<Watchdog> logger)
{
    /// <summary>One pass over everything; what it did.</summary>
    public async Task<WatchdogReport> RunAsync(DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        await storage.EnsureCreatedAsync(cancellationToken);
        var o = options.Value;
        var now = time.GetUtcNow();
        // The engine stamps instances by the wall clock; decisions and alarms carry business time (a development clock
        // may run ahead): each is compared with its own.
        var wall = TimeProvider.System.GetUtcNow();
        var found = new List<Anomaly>();
        var (raisedAgain, answered, rewound) = (0, 0, 0);
        var instances = new Dictionary<string, OrchestrationMetadata?>(StringComparer.Ordinal);
        async Task<OrchestrationMetadata?> InstanceAsync(string id)
        {
            if (!instances.TryGetValue(id, out var m))
            {
                instances[id] = m = await client.GetInstanceAsync(id, cancellationToken);
            }

            return m;
        }

        // Lifecycles that failed or were ended by hand while their item is open.
        await foreach (var m in client.GetAllInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated] }).WithCancellation(cancellationToken))
        {
            if (m.Name != nameof(ProposalLifecycle))
            {
                // A co-handler's instance: rewinding its parent rewinds it.
                continue;
            }

            if (m.RuntimeStatus == OrchestrationRuntimeStatus.Terminated)
            {
                if (await store.GetAsync(m.InstanceId, cancellationToken) is not { IsFinal: true })
                {
                    found.Add(new Anomaly(m.InstanceId, AnomalyKind.LifecycleTerminated, "办理流程已被人工终止，本件尚未办结，请联系系统管理员。", now));
                }

                continue;
            }

            // Rewound once: a lifecycle that fails again after it (a fault that is not passing) is for a person.
            var failure = $"办理流程出错且未能自动恢复（{m.FailureDetails?.ErrorMessage ?? "原因不明"}），请联系系统管理员。";
            if (await anomalies.RewoundAtAsync(m.InstanceId, cancellationToken) is { } earlier && earlier < m.LastUpdatedAt)
            {
                found.Add(new Anomaly(m.InstanceId, AnomalyKind.LifecycleFailed, failure, now));
                continue;
            }

            try
            {
                await anomalies.MarkRewoundAsync(m.InstanceId, wall, cancellationToken);
                await client.RewindInstanceAsync(m.InstanceId, "watchdog: failed lifecycle", cancellationToken);
                rewound++;
                LogRewound(m.InstanceId, m.FailureDetails?.ErrorMessage);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A client or backend that cannot rewind (not supported, not implemented over gRPC, gone meanwhile): shown.
                LogNotRewound(m.InstanceId, e.Message);
                found.Add(new Anomaly(m.InstanceId, AnomalyKind.LifecycleFailed, failure, now));
            }
        }

        // Submitted, and the lifecycle never started.
        await foreach (var m in client.GetAllInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Pending], CreatedTo = wall - o.PendingAfter }).WithCancellation(cancellationToken))
        {
            if (m.Name == nameof(ProposalLifecycle))
            {
                found.Add(new Anomaly(m.InstanceId, AnomalyKind.NeverStarted, $"已于{ChinaTime.Moment(m.CreatedAt.UtcDateTime)}提交，办理流程一直未开始。", now));
            }
        }

        // Decisions sent without an outcome.
        await foreach (var sent in ledger.SentBeforeAsync(now - o.OutcomeAfter, cancellationToken))
        {
            if (await ledger.GetOutcomeAsync(sent.ProposalId, sent.RequestId, cancellationToken) is not null)
            {
                await ledger.ClearSentAsync(sent, cancellationToken);
                continue;
            }

            var instance = await InstanceAsync(sent.ProposalId);
            switch (instance?.RuntimeStatus)
            {
                case OrchestrationRuntimeStatus.Completed:
                    var stage = (await store.GetAsync(sent.ProposalId, cancellationToken))?.Stage ?? ProposalStage.Closed;
                    await ledger.RecordTooLateAsync(sent.ProposalId, sent.RequestId, stage, now.UtcDateTime, cancellationToken);
                    answered++;
                    break;
                case OrchestrationRuntimeStatus.Failed:
                    // Rewound above: its decisions are taken once it runs again.
                    break;
                case OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended when sent.RaisedAgainAt is null && sent.Action is { } action:
                    await client.RaiseEventAsync(sent.ProposalId, action.EventName, action, cancellationToken);
                    await ledger.MarkRaisedAgainAsync(sent, now, cancellationToken);
                    raisedAgain++;
                    LogRaisedAgain(sent.ProposalId, sent.RequestId);
                    break;
                case OrchestrationRuntimeStatus.Running when sent.RaisedAgainAt is { } again && now - again < o.OutcomeAfter:
                    break;
                default:
                    var who = sent.Action?.Actor.Name ?? "有人";
                    found.Add(new Anomaly(sent.ProposalId, AnomalyKind.DecisionUnanswered, $"{who}于{ChinaTime.Moment(sent.At.UtcDateTime)}提交的操作至今没有结果（请求 {sent.RequestId}）。", now));
                    break;
            }
        }

        // Alarms the sweep should have raised and removed long ago.
        foreach (var alarm in await alarms.DueAsync(now - o.AlarmAfter, cancellationToken: cancellationToken))
        {
            var instance = await InstanceAsync(alarm.InstanceId);
            if (instance?.RuntimeStatus == OrchestrationRuntimeStatus.Running && now - new DateTimeOffset(alarm.At, TimeSpan.Zero) < 2 * o.AlarmAfter)
            {
                await client.RaiseEventAsync(alarm.InstanceId, nameof(DeadlineReached), new DeadlineReached(alarm.Key, alarm.At), cancellationToken);
                raisedAgain++;
                LogRaisedAgain(alarm.InstanceId, alarm.Key);
            }
            else if (instance?.RuntimeStatus != OrchestrationRuntimeStatus.Failed)
            {
                found.Add(new Anomaly(alarm.InstanceId, AnomalyKind.AlarmUnhandled, $"{ChinaTime.Moment(alarm.At)}到期的期限事项一直未处理。", now));
            }
        }

        var distinct = found.GroupBy(a => (a.ProposalId, a.Kind)).Select(g => g.First()).ToList();
        var (open, cleared) = await anomalies.ReplaceAsync(distinct, cancellationToken);
        var report = new WatchdogReport(raisedAgain, answered, rewound, cleared, open);
        if (report.Acted)
        {
            LogActed(raisedAgain, answered, rewound, open.Count);
        }

        return report;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watchdog rewound the failed lifecycle {InstanceId}: {Failure}")]
    private partial void LogRewound(string instanceId, string? failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "Watchdog could not rewind the failed lifecycle {InstanceId}: {Error}")]
    private partial void LogNotRewound(string instanceId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watchdog raised {What} of {InstanceId} again")]
    private partial void LogRaisedAgain(string instanceId, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watchdog: {RaisedAgain} raised again, {Answered} answered, {Rewound} rewound, {Open} 处理异常 open")]
    private partial void LogActed(int raisedAgain, int answered, int rewound, int open);
}
