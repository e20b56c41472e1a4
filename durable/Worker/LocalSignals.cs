using System.Collections.Concurrent;

namespace Replies.Durable.Worker;

/// <summary>
/// In-process shortcuts around the queues: a message sent to a partition this process owns (or to the work-item
/// queue) wakes its poller at once, and a written instance row wakes clients waiting on that instance. Other
/// processes fall back to polling, so nothing depends on these.
/// </summary>
public sealed class LocalSignals
{
    private readonly ConcurrentDictionary<int, AsyncSignal> _partitions = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _instanceWaiters = new(StringComparer.Ordinal);

    internal AsyncSignal WorkItems { get; } = new();

    internal void RegisterPartition(int partition, AsyncSignal signal) => _partitions[partition] = signal;

    internal void UnregisterPartition(int partition, AsyncSignal signal) => _partitions.TryRemove(new KeyValuePair<int, AsyncSignal>(partition, signal));

    internal bool OwnsPartition(int partition) => _partitions.ContainsKey(partition);

    internal void PartitionHasWork(int partition)
    {
        if (_partitions.TryGetValue(partition, out var signal))
        {
            signal.Set();
        }
    }

    internal void WorkItemsHaveWork() => WorkItems.Set();

    internal void InstanceChanged(string instanceId)
    {
        if (_instanceWaiters.TryRemove(instanceId, out var waiter))
        {
            waiter.TrySetResult();
        }
    }

    /// <summary>Waits until this process writes the instance's row, or the timeout passes.</summary>
    internal async Task WaitForInstanceChangeAsync(string instanceId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waiter = _instanceWaiters.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            await waiter.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
        }
    }
}
