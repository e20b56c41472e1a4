using Azure.Storage.Queues;
using Replies.Durable.Worker;

namespace Replies.Durable.AzureStorage;

/// <summary>Sends task messages to the control and work-item queues and wakes local pollers.</summary>
internal sealed class MessageSender(TaskHubStorage storage, MessageCodec codec, LocalSignals signals, TimeProvider time)
{
    // Timers may wait months; messages must not expire on their own.
    private static readonly TimeSpan NeverExpire = TimeSpan.FromSeconds(-1);

    public Task SendToInstanceAsync(TaskMessage message, CancellationToken cancellationToken)
    {
        var partition = storage.PartitionOf(message.InstanceId);
        return SendAsync(storage.ControlQueues[partition], message, () => signals.PartitionHasWork(partition), cancellationToken);
    }

    public Task SendWorkItemAsync(TaskMessage message, CancellationToken cancellationToken) =>
        SendAsync(storage.WorkItems, message, signals.WorkItemsHaveWork, cancellationToken);

    /// <summary>How long a message due at <paramref name="notBefore"/> should stay hidden now.</summary>
    public TimeSpan DelayUntil(DateTime? notBefore)
    {
        if (notBefore is not { } due)
        {
            return TimeSpan.Zero;
        }

        var delay = due - time.GetUtcNow().UtcDateTime;
        if (delay <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        return delay > storage.Options.MaxTimerMessageDelay ? storage.Options.MaxTimerMessageDelay : delay;
    }

    private async Task SendAsync(QueueClient queue, TaskMessage message, Action wake, CancellationToken cancellationToken)
    {
        var body = await codec.EncodeAsync(message, cancellationToken);
        var delay = DelayUntil(message.NotBefore);
        await queue.SendMessageAsync(body, delay, NeverExpire, cancellationToken);
        if (delay == TimeSpan.Zero)
        {
            wake();
        }
    }
}
