using Azure;

namespace Replies.Durable;

/// <summary>
/// Starts, queries and controls orchestration instances. Abstract with virtual members, as in Microsoft.DurableTask,
/// so code that uses it can be unit-tested with a mock.
/// </summary>
public abstract class DurableTaskClient : IAsyncDisposable
{
    /// <summary>The task hub name.</summary>
    public abstract string Name { get; }

    /// <summary>Schedules a new instance and returns its id.</summary>
    public abstract Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default);

    /// <summary>Schedules a new instance without input.</summary>
    public virtual Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, CancellationToken cancellation) =>
        ScheduleNewOrchestrationInstanceAsync(orchestratorName, null, null, cancellation);

    /// <summary>Sends an external event to an instance.</summary>
    public abstract Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default);

    /// <summary>The state of an instance, or null when it does not exist.</summary>
    public abstract Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

    /// <summary>Instances matching a query, page by page.</summary>
    public abstract AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null);

    /// <summary>Waits until the instance has started (is no longer Pending).</summary>
    public abstract Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

    /// <summary>Waits until the instance completes, fails or is terminated.</summary>
    public abstract Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

    /// <summary>Terminates a running instance with an optional output.</summary>
    public abstract Task TerminateInstanceAsync(string instanceId, object? output = null, CancellationToken cancellation = default);

    /// <summary>Suspends an instance: events are kept but not delivered until it is resumed.</summary>
    public abstract Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default);

    /// <summary>Resumes a suspended instance.</summary>
    public abstract Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default);

    /// <summary>Deletes the history and state of a finished instance.</summary>
    public abstract Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellation = default);

    /// <summary>Deletes every finished instance that matches the filter.</summary>
    public abstract Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellation = default);

    /// <inheritdoc />
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
