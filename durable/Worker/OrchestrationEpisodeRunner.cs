using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Microsoft.Extensions.Logging;
using Replies.Durable.AzureStorage;
using Replies.Durable.Diagnostics;
using Replies.Durable.History;

namespace Replies.Durable.Worker;

/// <summary>
/// Runs one episode of one instance: load history (or use the cached copy), replay, commit the new history rows in one
/// transaction fenced by the sentinel's ETag, send the outbound messages, write the instance row, delete the consumed
/// messages. A crash between any two steps loses nothing: unconsumed messages come back, are found already in history,
/// and make the episode re-send whatever the committed history still owes.
/// </summary>
internal sealed partial class OrchestrationEpisodeRunner(
    TaskHubStorage storage,
    HistoryStore history,
    InstanceStore instances,
    MessageSender sender,
    HistoryCache cache,
    DurableTaskRegistry registry,
    IServiceProvider services,
    LocalSignals signals,
    TimeProvider time,
    DataConverter converter,
    ILoggerFactory loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("Replies.Durable.Orchestrations");

    public async Task RunAsync(string instanceId, IReadOnlyList<ReceivedMessage> batch, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var span = DurableTelemetry.Source.StartActivity("episode");
        span?.SetTag("durable.instance_id", instanceId);
        var forceLoad = false;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await RunOnceAsync(instanceId, batch, forceLoad, cancellationToken);
                DurableTelemetry.EpisodeDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return;
            }
            catch (HistoryConflictException) when (attempt < 4)
            {
                DurableTelemetry.CommitConflicts.Add(1);
                cache.Remove(instanceId);
                forceLoad = true;
            }
        }
    }

    private async Task RunOnceAsync(string instanceId, IReadOnlyList<ReceivedMessage> batch, bool forceLoad, CancellationToken ct)
    {
        var queue = storage.ControlQueueFor(instanceId);
        var state = forceLoad ? null : cache.TryGet(instanceId);
        if (state is null)
        {
            // A start of a new instance has no history to read; if it does exist the commit's insert of the
            // sentinel fails and the episode reloads.
            var onlyStarts = batch.All(m => m.Message.Event is ExecutionStarted);
            state = onlyStarts && !forceLoad ? HistoryState.Empty() : await history.LoadAsync(instanceId, ct);
        }

        var duplicateSeen = false;
        TaskMessage? restart = null;
        var candidates = new List<ReceivedMessage>();
        foreach (var received in batch)
        {
            if (state.MessageIds.Contains(received.Message.Id))
            {
                duplicateSeen = true;
                DurableTelemetry.DuplicateMessages.Add(1);
            }
            else if (received.Message.Event is ExecutionStarted s)
            {
                // A start counts only for a new instance or to begin again after the current execution finished.
                if (state.IsEmpty || (IsFinished(state.Status) && s.ExecutionId != state.ExecutionId))
                {
                    restart = received.Message;
                }
            }
            else
            {
                candidates.Add(received);
            }
        }

        var executionOfBatch = restart?.ExecutionId ?? state.ExecutionId;
        var fresh = new List<(HistoryEvent Event, string? MessageId)>();
        var deferred = new List<ReceivedMessage>();
        var completedIds = restart is null ? new HashSet<int>(state.CompletedTaskIds) : [];
        foreach (var received in candidates)
        {
            var m = received.Message;
            if (HistoryState.CompletionTaskId(m.Event) is { } taskId)
            {
                // Results of another execution, or a second result for one task (activities run at least once), are dropped.
                if (m.ExecutionId == executionOfBatch && completedIds.Add(taskId))
                {
                    fresh.Add((m.Event, m.Id));
                }
            }
            else if (restart is null && state.Status == OrchestrationRuntimeStatus.ContinuedAsNew)
            {
                // Meant for the execution that is about to start; let it come back after the start.
                deferred.Add(received);
            }
            else
            {
                fresh.Add((m.Event, m.Id));
            }
        }

        var consumed = batch.Where(m => !deferred.Contains(m)).ToList();
        if (restart is null && (state.IsEmpty || IsFinished(state.Status) || fresh.Count == 0))
        {
            if (duplicateSeen && !state.IsEmpty)
            {
                await RecoverAsync(instanceId, state, ct);
            }
            else if (state.IsEmpty && consumed.Count > 0)
            {
                LogDroppedForUnknownInstance(instanceId, consumed.Count);
            }

            await HideAsync(queue, deferred, TimeSpan.FromSeconds(1), ct);
            await DeleteAsync(queue, consumed, ct);
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var priorEvents = restart is null ? state.Events : [];
        var newEvents = new List<(HistoryEvent Event, string? MessageId)> { (new OrchestratorStarted { Timestamp = now }, null) };
        string executionId;
        ExecutionStarted startedEvent;
        if (restart is not null)
        {
            var s = (ExecutionStarted)restart.Event;
            startedEvent = s with { Version = registry.ResolveVersion(s.Name, s.Version), Timestamp = now };
            executionId = s.ExecutionId;
            newEvents.Add((startedEvent, restart.Id));
            foreach (var carried in restart.CarriedEvents ?? [])
            {
                newEvents.Add((carried with { Timestamp = now }, null));
            }
        }
        else
        {
            startedEvent = state.Started ?? throw new InvalidDataException($"History of '{instanceId}' has no ExecutionStarted event.");
            executionId = state.ExecutionId!;
        }

        newEvents.AddRange(fresh.Select(f => (f.Event.Timestamp == default ? f.Event with { Timestamp = now } : f.Event, f.MessageId)));

        var result = Execute(instanceId, startedEvent, restart is null ? state.CustomStatus : null, priorEvents, newEvents.Select(e => e.Event).ToList());
        var toAppend = new List<(HistoryEvent Event, string? MessageId)>(newEvents);
        toAppend.AddRange(result.NewActions.Select(a => (a, (string?)null)));
        if (result.CompletionEvent(now) is { } completion)
        {
            toAppend.Add((completion, null));
        }

        Checkpoint(Checkpoints.BeforeHistoryCommit);
        var previousRow = restart is null ? state.RowWritten : null;
        var previousExecution = state.ExecutionId;
        await history.CommitAsync(instanceId, state, executionId, toAppend, result.Status, result.CustomStatus, ct);
        Checkpoint(Checkpoints.AfterHistoryCommit);

        var outbound = Outbound(instanceId, executionId, startedEvent, result.NewActions, result, now);
        var rowChanged = previousRow is null || previousRow.Value.Status != result.Status || previousRow.Value.CustomStatus != result.CustomStatus;
        var sends = outbound.Select(o => o.ToWorkItems ? sender.SendWorkItemAsync(o.Message, ct) : sender.SendToInstanceAsync(o.Message, ct)).ToList();
        if (rowChanged)
        {
            sends.Add(WriteRowAsync(instanceId, state, startedEvent, executionId, result, now, restart is not null, ct));
        }

        await Task.WhenAll(sends);
        Checkpoint(Checkpoints.AfterMessagesSent);
        await HideAsync(queue, deferred, TimeSpan.FromSeconds(1), ct);
        await DeleteAsync(queue, consumed, ct);
        Checkpoint(Checkpoints.AfterMessagesDeleted);

        cache.Put(instanceId, state);
        DurableTelemetry.Episodes.Add(1);
        if (rowChanged)
        {
            signals.InstanceChanged(instanceId);
        }

        LogEpisode(instanceId, startedEvent.Name, result.Status, newEvents.Count, result.NewActions.Count);
        if (previousExecution is not null && previousExecution != executionId)
        {
            _ = CleanOtherExecutionsAsync(instanceId, executionId);
        }
    }

    private static bool IsFinished(OrchestrationRuntimeStatus status) => status.IsTerminal() || status == OrchestrationRuntimeStatus.ContinuedAsNew;

    private ExecutionResult Execute(string instanceId, ExecutionStarted started, string? customStatus, IReadOnlyList<HistoryEvent> past, IReadOnlyList<HistoryEvent> fresh)
    {
        var factory = registry.FindOrchestrator(started.Name, started.Version);
        if (factory is null)
        {
            var failure = new TaskFailureDetails("OrchestratorNotFound", $"No orchestrator named '{new TaskName(started.Name, started.Version)}' is registered with this worker.");
            return new ExecutionResult([], OrchestrationRuntimeStatus.Failed, null, failure, customStatus, null, []);
        }

        var context = new ReplayOrchestrationContext(factory(services), instanceId, converter, loggerFactory, customStatus);
        return context.Execute(past, fresh);
    }

    private async Task WriteRowAsync(string instanceId, HistoryState state, ExecutionStarted started, string executionId, ExecutionResult result, DateTime now, bool isStart, CancellationToken ct)
    {
        var update = new InstanceStore.InstanceUpdate(
            started.Name, started.Version, executionId, result.Status, result.CustomStatus, started.Input, result.Output, result.Failure, now, state.Events.Count, isStart);
        state.InstanceRowETag = await instances.WriteAsync(instanceId, update, state.InstanceRowETag, ct);
        state.RowWritten = (result.Status, result.CustomStatus);
    }

    /// <summary>The messages an episode owes: work items, timers, child starts, and notices to the parent or the next execution.</summary>
    private static List<(TaskMessage Message, bool ToWorkItems)> Outbound(string instanceId, string executionId, ExecutionStarted started, IEnumerable<HistoryEvent> actions, ExecutionResult result, DateTime now)
    {
        var messages = new List<(TaskMessage, bool)>();
        foreach (var action in actions)
        {
            switch (action)
            {
                case TaskScheduled t:
                    messages.Add((new TaskMessage($"{executionId}:{t.EventId}:work", instanceId, executionId, t), true));
                    break;
                case TimerCreated t:
                    messages.Add((new TaskMessage($"{executionId}:{t.EventId}:timer", instanceId, executionId, new TimerFired(t.EventId, t.FireAt)) { NotBefore = t.FireAt }, false));
                    break;
                case SubOrchestrationCreated s:
                    var childExecution = DerivedId($"{executionId}:{s.EventId}");
                    var childStart = new ExecutionStarted(s.Name, s.Version, s.Input, childExecution, new ParentInstance(instanceId, executionId, s.EventId)) { Timestamp = now };
                    messages.Add((new TaskMessage($"{instanceId}:{executionId}:{s.EventId}:start", s.InstanceId, childExecution, childStart), false));
                    break;
            }
        }

        if (result.Status == OrchestrationRuntimeStatus.ContinuedAsNew)
        {
            var next = DerivedId($"{executionId}:continue");
            var nextStart = new ExecutionStarted(started.Name, started.Version, result.ContinueAsNewInput, next, started.Parent) { Timestamp = now };
            messages.Add((new TaskMessage($"{instanceId}:{executionId}:continue", instanceId, next, nextStart) { CarriedEvents = result.CarriedOverEvents }, false));
        }
        else if (result.Status.IsTerminal() && started.Parent is { } parent)
        {
            HistoryEvent notice = result.Status == OrchestrationRuntimeStatus.Completed
                ? new SubOrchestrationCompleted(parent.TaskScheduledId, result.Output)
                : new SubOrchestrationFailed(parent.TaskScheduledId, result.Failure ?? new TaskFailureDetails("Terminated", $"Sub-orchestration '{instanceId}' was terminated."));
            messages.Add((new TaskMessage($"{instanceId}:{executionId}:done", parent.InstanceId, parent.ExecutionId, notice with { Timestamp = now }), false));
        }

        return messages;
    }

    /// <summary>
    /// A message already in history came back: the worker that consumed it may have died after committing and before
    /// sending or deleting. Send again what the history still owes (receivers drop duplicates) and rewrite the row.
    /// </summary>
    private async Task RecoverAsync(string instanceId, HistoryState state, CancellationToken ct)
    {
        var started = state.Started;
        if (started is null)
        {
            return;
        }

        var completedIds = state.CompletedTaskIds;
        var owed = state.Events.Where(e => e is TaskScheduled or TimerCreated or SubOrchestrationCreated && !completedIds.Contains(e.EventId)).ToList();
        var ended = state.Events.OfType<ExecutionCompleted>().LastOrDefault();
        var terminated = state.Events.OfType<ExecutionTerminated>().LastOrDefault();
        var status = state.Status;
        var result = new ExecutionResult(owed, status, ended?.Result ?? terminated?.Output, ended?.Failure, state.CustomStatus,
            status == OrchestrationRuntimeStatus.ContinuedAsNew ? ended?.Result : null, []);
        if (status.IsTerminal() || status == OrchestrationRuntimeStatus.ContinuedAsNew)
        {
            // A finished execution owes no timers or work items, only its notices.
            owed.RemoveAll(e => e is TimerCreated);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var sends = Outbound(instanceId, state.ExecutionId!, started, owed, result, now)
            .Select(o => o.ToWorkItems ? sender.SendWorkItemAsync(o.Message, ct) : sender.SendToInstanceAsync(o.Message, ct))
            .ToList();
        sends.Add(WriteRowAsync(instanceId, state, started, state.ExecutionId!, result, now, isStart: false, ct));
        await Task.WhenAll(sends);
        cache.Put(instanceId, state);
        signals.InstanceChanged(instanceId);
        LogRecovered(instanceId, sends.Count - 1);
    }

    private async Task CleanOtherExecutionsAsync(string instanceId, string executionId)
    {
        try
        {
            await history.DeleteOtherExecutionsAsync(instanceId, executionId, CancellationToken.None);
        }
        catch (RequestFailedException ex)
        {
            LogCleanupFailed(ex, instanceId);
        }
    }

    private static async Task DeleteAsync(Azure.Storage.Queues.QueueClient queue, IReadOnlyCollection<ReceivedMessage> messages, CancellationToken ct)
    {
        await Task.WhenAll(messages.Select(async m =>
        {
            try
            {
                await queue.DeleteMessageAsync(m.QueueMessageId, m.PopReceipt, ct);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 400)
            {
                // Already deleted, or re-delivered under a new receipt; its effect is in history either way.
            }
        }));
    }

    private static async Task HideAsync(Azure.Storage.Queues.QueueClient queue, IReadOnlyCollection<ReceivedMessage> messages, TimeSpan delay, CancellationToken ct)
    {
        await Task.WhenAll(messages.Select(async m =>
        {
            try
            {
                await queue.UpdateMessageAsync(m.QueueMessageId, m.PopReceipt, visibilityTimeout: delay, cancellationToken: ct);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 400)
            {
            }
        }));
    }

    private void Checkpoint(string name) => storage.Options.OnCheckpoint?.Invoke(name);

    /// <summary>A stable id for a derived execution, so a message sent twice carries the same one.</summary>
    internal static string DerivedId(string seed)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        return Convert.ToHexString(hash, 0, 16).ToLowerInvariant();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Episode of {InstanceId} ({Orchestrator}): {Status}, {Events} new events, {Actions} new actions")]
    private partial void LogEpisode(string instanceId, string orchestrator, OrchestrationRuntimeStatus status, int events, int actions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recovered {InstanceId} after an interrupted episode: re-sent {Messages} messages")]
    private partial void LogRecovered(string instanceId, int messages);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped {Count} messages for {InstanceId}, which has no history")]
    private partial void LogDroppedForUnknownInstance(string instanceId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete old executions of {InstanceId}")]
    private partial void LogCleanupFailed(Exception exception, string instanceId);
}
