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
}

/// <summary>Purges the task hub's history of finished instances older than <see cref="TaskHubRetentionOptions.PurgeCompletedAfter"/>.</summary>
public sealed class CompletedHistoryPurge(TimeProvider time, IOptions<TaskHubRetentionOptions> options)
{
    /// <summary>Purges once; returns how many instances went.</summary>
    public async Task<int> PurgeAsync(DurableTaskClient client, CancellationToken cancellationToken = default)
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
}
