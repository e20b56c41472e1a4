using Microsoft.DurableTask.Client;
using Replies.Workflows.Storage;

namespace Replies.Functions.Periodic;

/// <summary>
/// Purges the task hub's history of long-finished instances, the rate-limit counters of ended minutes and the list rows
/// marked gone long enough ago (schedule
/// <c>Replies:Schedules:HistoryPurge</c>).
/// </summary>
public sealed class PurgeCompletedHistory(CompletedHistoryPurge purge, Safety.RequestLimits limits, Workflows.ReadModel.GonePurge gone, ILogger<PurgeCompletedHistory> logger)
{
    [Function(nameof(PurgeCompletedHistory))]
    public async Task RunAsync([TimerTrigger("%Replies:Schedules:HistoryPurge%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        await limits.PurgeAsync(cancellationToken);
        await gone.PurgeAsync(cancellationToken);
        var purged = await purge.PurgeAsync(client, cancellationToken);
        if (purged > 0 && logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Purged the task hub history of {Count} finished instances", purged);
        }
    }
}
