using Microsoft.Extensions.Logging;

namespace Replies.Durable;

/// <summary>
/// What orchestrator code uses to schedule durable work. Every member is abstract or virtual, as in
/// Microsoft.DurableTask, so orchestrators can be unit-tested with a mocking library.
/// </summary>
public abstract class TaskOrchestrationContext
{
    /// <summary>The orchestrator name.</summary>
    public abstract TaskName Name { get; }

    /// <summary>The instance id.</summary>
    public abstract string InstanceId { get; }

    /// <summary>The time of the current episode, read from history: the same on every replay.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>True while the code re-executes steps that history already holds.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>The deserialized input of the orchestration.</summary>
    public abstract T? GetInput<T>();

    /// <summary>A GUID that is the same on every replay.</summary>
    public abstract Guid NewGuid();

    /// <summary>Schedules an activity and returns its result.</summary>
    public abstract Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null);

    /// <summary>Schedules an activity whose result is not needed.</summary>
    public virtual Task CallActivityAsync(TaskName name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object>(name, input, options);

    /// <summary>A durable timer that fires at <paramref name="fireAt"/> (UTC); cancelling it ends the wait early.</summary>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>A durable timer that fires after <paramref name="delay"/>.</summary>
    public virtual Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) =>
        CreateTimer(CurrentUtcDateTime.Add(delay), cancellationToken);

    /// <summary>Waits for an external event; events raised earlier are buffered and delivered in order.</summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>Waits for an external event at most <paramref name="timeout"/>; throws <see cref="TaskCanceledException"/> on timeout.</summary>
    public virtual async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        // Cancel, not CancelAsync: the latter runs callbacks on the thread pool, off the orchestration thread.
#pragma warning disable CA1849
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = CreateTimer(CurrentUtcDateTime.Add(timeout), cts.Token);
        var received = WaitForExternalEvent<T>(eventName, cts.Token);
        var winner = await Task.WhenAny(received, timer);
        if (winner == received)
        {
            cts.Cancel();
            return await received;
        }

        cts.Cancel();
        throw new TaskCanceledException($"The event '{eventName}' did not arrive within {timeout}.");
#pragma warning restore CA1849
    }

    /// <summary>Runs another orchestration as a child and returns its output.</summary>
    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null);

    /// <summary>Runs a child orchestration whose output is not needed.</summary>
    public virtual Task CallSubOrchestratorAsync(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        CallSubOrchestratorAsync<object>(orchestratorName, input, options);

    /// <summary>Publishes progress to clients; stored on the instance row.</summary>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>Restarts the orchestration with new input and an empty history once the current code returns.</summary>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>A logger that stays silent while the code replays.</summary>
    public abstract ILogger CreateReplaySafeLogger(string categoryName);

    /// <summary>A logger that stays silent while the code replays.</summary>
    public virtual ILogger CreateReplaySafeLogger<T>() => CreateReplaySafeLogger(typeof(T).FullName ?? typeof(T).Name);
}
