using Replies.Workflows.Notices;

namespace Replies.Functions.Notices;

/// <summary>
/// Queue trigger on <c>Replies:Notices:Queue</c>: one message per outbox notice. A message that throws comes back
/// after the queue's visibility timeout (host.json <c>extensions.queues</c>) until its last attempt, then goes to the
/// poison queue.
/// </summary>
public sealed class DeliverNotice(NoticeSender sender, ILogger<DeliverNotice> logger)
{
    [Function(nameof(DeliverNotice))]
    public async Task RunAsync([QueueTrigger("%Replies:Notices:Queue%")] string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (NoticeId.FromMessage(message) is not { } id)
        {
            logger.LogWarning("A notice message that names no notice was dropped: {Message}", message);
            return;
        }

        await sender.DeliverAsync(id, cancellationToken);
    }
}
