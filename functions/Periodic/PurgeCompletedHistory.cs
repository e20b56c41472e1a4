using Microsoft.DurableTask.Client;
using Replies.Workflows.Storage;

namespace Replies.Functions.Periodic;

/// <summary>
/// Purges the task hub's history of long-finished instances and the rate-limit counters of ended minutes (schedule
/// <c>Replies:Schedules:HistoryPurge</c>).
/// </summary>
public sealed class PurgeCompletedHistory(CompletedHistoryPurge purge, Safety.RequestLimits limits, ILogger<PurgeCompletedHistory> logger)
{
    [Function(nameof(PurgeCompletedHistory))]
    public async Task RunAsync([TimerTrigger("%Replies:Schedules:HistoryPurge%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        await limits.PurgeAsync(cancellationToken);
        var purged = await purge.PurgeAsync(client, cancellationToken);
        if (purged > 0 && logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Purged the task hub history of {Count} finished instances", purged);
        }
    }
}
