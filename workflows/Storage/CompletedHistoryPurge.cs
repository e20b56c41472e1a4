using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Replies.Workflows.Storage;

/// <summary>How long the task hub keeps the history of finished instances (section <c>Replies:TaskHub</c>).</summary>
public sealed class TaskHubRetentionOptions
{
    /// <summary>
    /// Finished (completed or terminated) instances created longer ago than this are purged from the task hub. The
    /// application keeps its own complete record (status, audit, drafts, letters), so the engine's replay history of a
    /// closed item serves no one; kept, it makes every query of the history and instances tables slower on Azurite
    /// and costs storage in Azure. Failed instances are kept for diagnosis. Empty turns purging off.
    /// </summary>
    public TimeSpan? PurgeCompletedAfter { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Pause between purges.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>Purges the task hub's history of finished instances older than <see cref="TaskHubRetentionOptions.PurgeCompletedAfter"/>.</summary>
public sealed class CompletedHistoryPurge(DurableTaskClient client, TimeProvider time, IOptions<TaskHubRetentionOptions> options, ILogger<CompletedHistoryPurge> logger) : BackgroundService
{
    /// <summary>Purges once; returns how many instances went.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken = default)
    {
        if (options.Value.PurgeCompletedAfter is not { } retention)
        {
            return 0;
        }

        var before = time.GetUtcNow() - retention;
        var result = await client.PurgeAllInstancesAsync(
            new PurgeInstancesFilter(null, before, [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Terminated]),
            cancellation: cancellationToken);
        return result.PurgedInstanceCount;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var purged = await PurgeAsync(stoppingToken);
                if (purged > 0 && logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation("Purged the task hub history of {Count} finished instances", purged);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Purging finished instances failed; it runs again in {Interval}", options.Value.Interval);
            }
        }
    }
}
