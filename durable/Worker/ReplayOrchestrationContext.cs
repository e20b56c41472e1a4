using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Replies.Durable.History;

namespace Replies.Durable.Worker;

/// <summary>
/// Replays an orchestration against its history and runs it forward over new events. Each durable call gets the
/// next sequence number; history events complete the matching tasks in order; a recorded action that the code does
/// not ask for again at the same number (or asks for under another name or kind) fails the instance as non-deterministic.
/// </summary>
internal sealed class ReplayOrchestrationContext : TaskOrchestrationContext
{
    private readonly ITaskOrchestrator _orchestrator;
    private readonly DataConverter _converter;
    private readonly ILoggerFactory _loggerFactory;
    private readonly OrchestrationSynchronizationContext _scheduler = new();
    private readonly SortedDictionary<int, HistoryEvent> _pendingActions = [];
    private readonly Dictionary<int, OpenTask> _openTasks = [];
    private readonly Dictionary<string, LinkedList<EventWaiter>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Queue<string?>> _bufferedEvents = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<EventRaised> _bufferedInOrder = [];
    private readonly List<HistoryEvent> _heldWhileSuspended = [];
    private TaskName _name;
    private string? _serializedInput;
    private object? _input;
    private int _nextSequence;
    private int _guidCounter;
    private DateTime _currentUtc;
    private bool _isReplaying = true;
    private Task<object?>? _run;
    private Exception? _fatal;
    private bool _suspended;
    private ExecutionTerminated? _terminated;
    private string? _customStatus;
    private bool _continueAsNew;
    private string? _continueAsNewInput;
    private bool _preserveUnprocessedEvents;

    public ReplayOrchestrationContext(ITaskOrchestrator orchestrator, string instanceId, DataConverter converter, ILoggerFactory? loggerFactory, string? initialCustomStatus)
    {
        _orchestrator = orchestrator;
        InstanceId = instanceId;
        _converter = converter;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _customStatus = initialCustomStatus;
    }

    public override TaskName Name => _name;

    public override string InstanceId { get; }

    public override DateTime CurrentUtcDateTime => _currentUtc;

    public override bool IsReplaying => _isReplaying;

    public override T? GetInput<T>() where T : default => _input is T typed ? typed : _converter.Deserialize<T>(_serializedInput);

    public override Guid NewGuid()
    {
        // Name-based (version 5 style) GUID over instance, episode time and a counter: stable across replays.
        var seed = $"{InstanceId}|{_currentUtc:O}|{_guidCounter++}";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        EnsureOnOrchestratorThread(nameof(CallActivityAsync));
        if (options?.Retry?.Policy is { } policy)
        {
            return RetryAsync(() => ScheduleActivity<TResult>(name, input), policy);
        }

        return ScheduleActivity<TResult>(name, input);
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        EnsureOnOrchestratorThread(nameof(CreateTimer));
        var id = _nextSequence++;
        var fireAtUtc = fireAt.Kind == DateTimeKind.Local ? fireAt.ToUniversalTime() : DateTime.SpecifyKind(fireAt, DateTimeKind.Utc);
        _pendingActions[id] = new TimerCreated(fireAtUtc) { EventId = id, Timestamp = _currentUtc };
        var open = new OpenTask<bool>("timer");
        _openTasks[id] = open;
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                open.Cancel();
                if (_pendingActions.TryGetValue(id, out var action) && action is TimerCreated)
                {
                    // Still uncommitted: a timer cancelled in the episode that made it never needs to exist.
                    _pendingActions[id] = action with { Timestamp = DateTime.MinValue };
                }
            });
        }

        return open.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        EnsureOnOrchestratorThread(nameof(WaitForExternalEvent));
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        if (_bufferedEvents.TryGetValue(eventName, out var queue) && queue.Count > 0)
        {
            var payload = queue.Dequeue();
            RemoveFirstBuffered(eventName);
            var ready = new OpenTask<T>(eventName);
            ready.Complete(payload, _converter);
            return ready.Task;
        }

        var waiter = new EventWaiter<T>(eventName);
        if (!_waiters.TryGetValue(eventName, out var list))
        {
            list = new LinkedList<EventWaiter>();
            _waiters[eventName] = list;
        }

        var node = list.AddLast(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (node.List is not null)
                {
                    list.Remove(node);
                }

                waiter.Open.Cancel();
            });
        }

        return waiter.Open.Task;
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null)
    {
        EnsureOnOrchestratorThread(nameof(CallSubOrchestratorAsync));
        var explicitId = (options as SubOrchestrationOptions)?.InstanceId;
        if (options?.Retry?.Policy is { } policy)
        {
            var attempt = 0;
            return RetryAsync(() => ScheduleSubOrchestration<TResult>(orchestratorName, input, explicitId is null ? null : attempt++ == 0 ? explicitId : $"{explicitId}:{attempt}"), policy);
        }

        return ScheduleSubOrchestration<TResult>(orchestratorName, input, explicitId);
    }

    public override void SetCustomStatus(object? customStatus) => _customStatus = _converter.Serialize(customStatus);

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true)
    {
        _continueAsNew = true;
        _continueAsNewInput = _converter.Serialize(newInput);
        _preserveUnprocessedEvents = preserveUnprocessedEvents;
    }

    public override ILogger CreateReplaySafeLogger(string categoryName) => new ReplaySafeLogger(this, _loggerFactory.CreateLogger(categoryName));

    /// <summary>Replays <paramref name="past"/> then applies <paramref name="fresh"/>, and says what the episode decided.</summary>
    public ExecutionResult Execute(IReadOnlyList<HistoryEvent> past, IReadOnlyList<HistoryEvent> fresh)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_scheduler);
        try
        {
            _isReplaying = true;
            foreach (var e in past)
            {
                if (!Apply(e))
                {
                    break;
                }
            }

            _isReplaying = false;
            if (_fatal is null && _terminated is null && !IsFinished)
            {
                for (var i = 0; i < fresh.Count; i++)
                {
                    if (!Apply(fresh[i]))
                    {
                        // Events that came with the episode but after the end still belong to a ContinueAsNew successor.
                        _bufferedInOrder.AddRange(fresh.Skip(i + 1).OfType<EventRaised>());
                        break;
                    }
                }
            }

            return BuildResult();
        }
        finally
        {
            _scheduler.Close();
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private bool IsFinished => _run is { IsCompleted: true };

    /// <summary>Applies one event; false when nothing after it can matter.</summary>
    private bool Apply(HistoryEvent e)
    {
        if (_suspended && e is not ExecutionResumed and not ExecutionTerminated and not OrchestratorStarted)
        {
            _heldWhileSuspended.Add(e);
            return true;
        }

        switch (e)
        {
            case OrchestratorStarted:
                _currentUtc = e.Timestamp;
                break;
            case ExecutionStarted started:
                Start(started);
                break;
            case TaskScheduled or TimerCreated or SubOrchestrationCreated:
                MatchRecordedAction(e);
                break;
            case TaskCompleted c:
                Complete(c.TaskScheduledId, open => open.Complete(c.Result, _converter));
                break;
            case TaskFailed f:
                Complete(f.TaskScheduledId, open => open.Fail(new TaskFailedException(open.Name, f.TaskScheduledId, f.Failure)));
                break;
            case SubOrchestrationCompleted c:
                Complete(c.TaskScheduledId, open => open.Complete(c.Result, _converter));
                break;
            case SubOrchestrationFailed f:
                Complete(f.TaskScheduledId, open => open.Fail(new TaskFailedException(open.Name, f.TaskScheduledId, f.Failure)));
                break;
            case TimerFired t:
                Complete(t.TimerId, open => open.Complete(null, _converter));
                break;
            case EventRaised raised:
                Deliver(raised);
                break;
            case ExecutionSuspended:
                _suspended = true;
                break;
            case ExecutionResumed:
                _suspended = false;
                var held = _heldWhileSuspended.ToList();
                _heldWhileSuspended.Clear();
                foreach (var h in held)
                {
                    if (!Apply(h))
                    {
                        return false;
                    }
                }

                break;
            case ExecutionTerminated terminated:
                _terminated = terminated;
                return false;
            case ExecutionCompleted:
                return false;
        }

        return _fatal is null && !IsFinished;
    }

    private void Start(ExecutionStarted started)
    {
        _name = new TaskName(started.Name, started.Version);
        _serializedInput = started.Input;
        try
        {
            _input = _converter.Deserialize(started.Input, _orchestrator.InputType);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException)
        {
            _run = Task.FromException<object?>(ex);
            return;
        }

        try
        {
            _run = _orchestrator.RunAsync(this, _input);
        }
        catch (Exception ex)
        {
            _run = Task.FromException<object?>(ex);
        }

        _scheduler.Drain();
    }

    private void MatchRecordedAction(HistoryEvent recorded)
    {
        if (!_pendingActions.TryGetValue(recorded.EventId, out var asked))
        {
            _fatal = new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestration '{_name}' ({InstanceId}): history recorded {Describe(recorded)} at sequence #{recorded.EventId}, but the code did not ask for it on replay.");
            return;
        }

        if (!SameAction(asked, recorded))
        {
            _fatal = new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestration '{_name}' ({InstanceId}): at sequence #{recorded.EventId} history recorded {Describe(recorded)}, but the code now asks for {Describe(asked)}.");
            return;
        }

        _pendingActions.Remove(recorded.EventId);
    }

    private static bool SameAction(HistoryEvent asked, HistoryEvent recorded) => (asked, recorded) switch
    {
        (TaskScheduled a, TaskScheduled r) => string.Equals(a.Name, r.Name, StringComparison.OrdinalIgnoreCase),
        (SubOrchestrationCreated a, SubOrchestrationCreated r) => string.Equals(a.Name, r.Name, StringComparison.OrdinalIgnoreCase),
        (TimerCreated, TimerCreated) => true,
        _ => false,
    };

    private static string Describe(HistoryEvent e) => e switch
    {
        TaskScheduled t => $"activity '{t.Name}'",
        SubOrchestrationCreated s => $"sub-orchestration '{s.Name}'",
        TimerCreated t => $"timer for {t.FireAt:O}",
        _ => e.GetType().Name,
    };

    private void Complete(int taskId, Action<OpenTask> complete)
    {
        if (_openTasks.Remove(taskId, out var open) && !open.IsDone)
        {
            complete(open);
            _scheduler.Drain();
        }
    }

    private void Deliver(EventRaised raised)
    {
        if (_waiters.TryGetValue(raised.Name, out var list) && list.First is { } first)
        {
            list.RemoveFirst();
            first.Value.Deliver(raised.Input, _converter);
            _scheduler.Drain();
            return;
        }

        if (!_bufferedEvents.TryGetValue(raised.Name, out var queue))
        {
            queue = new Queue<string?>();
            _bufferedEvents[raised.Name] = queue;
        }

        queue.Enqueue(raised.Input);
        _bufferedInOrder.Add(raised);
    }

    private void RemoveFirstBuffered(string eventName)
    {
        var index = _bufferedInOrder.FindIndex(e => string.Equals(e.Name, eventName, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            _bufferedInOrder.RemoveAt(index);
        }
    }

    private Task<T> ScheduleActivity<T>(TaskName name, object? input)
    {
        var id = _nextSequence++;
        _pendingActions[id] = new TaskScheduled(name.Name, name.Version, _converter.Serialize(input)) { EventId = id, Timestamp = _currentUtc };
        var open = new OpenTask<T>(name.Name);
        _openTasks[id] = open;
        return open.Task;
    }

    private Task<T> ScheduleSubOrchestration<T>(TaskName name, object? input, string? instanceId)
    {
        var id = _nextSequence++;
        var childId = instanceId ?? $"{InstanceId}:{id:D4}";
        _pendingActions[id] = new SubOrchestrationCreated(name.Name, name.Version, childId, _converter.Serialize(input)) { EventId = id, Timestamp = _currentUtc };
        var open = new OpenTask<T>(name.Name);
        _openTasks[id] = open;
        return open.Task;
    }

    private async Task<T> RetryAsync<T>(Func<Task<T>> attempt, RetryPolicy policy)
    {
        var firstAttemptAt = _currentUtc;
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt();
            }
            catch (TaskFailedException ex) when (number < policy.MaxNumberOfAttempts && policy.HandleFailure(ex.FailureDetails))
            {
                var delay = policy.DelayBefore(number + 1);
                if (policy.RetryTimeout != Timeout.InfiniteTimeSpan && _currentUtc + delay - firstAttemptAt > policy.RetryTimeout)
                {
                    throw;
                }

                await CreateTimer(_currentUtc + delay, CancellationToken.None);
            }
        }
    }

    private void EnsureOnOrchestratorThread(string member)
    {
        if (!_scheduler.IsOwnerThread)
        {
            throw new OrchestrationAwaitException(
                $"{member} was called off the orchestration thread in '{_name}' ({InstanceId}): orchestrator code awaited a non-durable task (Task.Run, Task.Delay, I/O or ConfigureAwait(false)). Use the context's durable APIs only.");
        }
    }

    private ExecutionResult BuildResult()
    {
        var actions = _pendingActions.Values.Where(a => !(a is TimerCreated && a.Timestamp == DateTime.MinValue)).ToList();
        OrchestrationRuntimeStatus status;
        string? output = null;
        TaskFailureDetails? failure = null;
        if (_fatal is not null)
        {
            status = OrchestrationRuntimeStatus.Failed;
            failure = TaskFailureDetails.FromException(_fatal);
            actions.Clear();
        }
        else if (_terminated is not null)
        {
            status = OrchestrationRuntimeStatus.Terminated;
            output = _terminated.Output;
            actions.Clear();
        }
        else if (_run is { IsCompleted: true } run)
        {
            // A finished orchestration still sends fire-and-forget work, but waits for no timer.
            actions.RemoveAll(a => a is TimerCreated);
            if (run.IsFaulted)
            {
                status = OrchestrationRuntimeStatus.Failed;
                failure = TaskFailureDetails.FromException(run.Exception!.InnerException ?? run.Exception);
            }
            else if (run.IsCanceled)
            {
                status = OrchestrationRuntimeStatus.Failed;
                failure = new TaskFailureDetails(typeof(TaskCanceledException).FullName!, "The orchestrator's task was cancelled.");
            }
            else if (_continueAsNew)
            {
                status = OrchestrationRuntimeStatus.ContinuedAsNew;
            }
            else
            {
                status = OrchestrationRuntimeStatus.Completed;
                output = _converter.Serialize(run.Result);
            }
        }
        else if (_scheduler.ForeignPostSeen || (!_suspended && _run is not null && !HasOpenDurableWork()))
        {
            status = OrchestrationRuntimeStatus.Failed;
            failure = TaskFailureDetails.FromException(new OrchestrationAwaitException(
                $"Orchestrator '{_name}' ({InstanceId}) is waiting on something that is not a durable task (for example Task.Delay, Task.Run or an HTTP call). Orchestrators may await only the context's activities, timers, events and sub-orchestrations."));
            actions.Clear();
        }
        else
        {
            status = _suspended ? OrchestrationRuntimeStatus.Suspended : OrchestrationRuntimeStatus.Running;
        }

        var carried = status == OrchestrationRuntimeStatus.ContinuedAsNew && _preserveUnprocessedEvents
            ? _bufferedInOrder.ToList()
            : [];
        return new ExecutionResult(actions, status, output, failure, _customStatus, _continueAsNewInput, carried);
    }

    private bool HasOpenDurableWork() =>
        _openTasks.Values.Any(t => !t.IsDone) || _waiters.Values.Any(l => l.Count > 0) || _pendingActions.Count > 0;

    private abstract class EventWaiter
    {
        public abstract void Deliver(string? payload, DataConverter converter);
    }

    private sealed class EventWaiter<T>(string name) : EventWaiter
    {
        public OpenTask<T> Open { get; } = new(name);

        public override void Deliver(string? payload, DataConverter converter) => Open.Complete(payload, converter);
    }

    private sealed class ReplaySafeLogger(ReplayOrchestrationContext context, ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => !context.IsReplaying && inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!context.IsReplaying)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
