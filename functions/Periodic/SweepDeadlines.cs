using Microsoft.DurableTask.Client;
using Replies.Workflows.Deadlines;
using Replies.Workflows.Notices;
using Replies.Workflows.Storage;

namespace Replies.Functions.Periodic;

/// <summary>
/// Raises every deadline that has come, and queues again the notices whose SMS were held for the end of quiet hours
/// (schedule <c>Replies:Schedules:DeadlineSweep</c>, each minute by default).
/// </summary>
public sealed class SweepDeadlines(DeadlineSweep sweep, DeliveryStore deliveries, ReplyStorage storage)
{
    [Function(nameof(SweepDeadlines))]
    public async Task RunAsync([TimerTrigger("%Replies:Schedules:DeadlineSweep%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        await sweep.SweepAsync(client, cancellationToken);
        await deliveries.ReleaseHeldAsync(async notice => await storage.Notices.SendMessageAsync(notice.ToMessage(), cancellationToken), cancellationToken);
    }
}
