using Replies.Workflows.Notices;

namespace Replies.Functions.Notices;

/// <summary>
/// Queue trigger on the notice queue's poison queue: every attempt failed, so the deliveries not sent are marked
/// failed and listed for the clerk office (GET /api/notices/failed), who may send them again.
/// </summary>
public sealed class FailNotice(DeliveryStore deliveries)
{
    [Function(nameof(FailNotice))]
    public async Task RunAsync([QueueTrigger("%Replies:Notices:Queue%-poison")] string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (NoticeId.FromMessage(message) is { } id)
        {
            await deliveries.FailAsync(id, cancellationToken);
        }
    }
}
