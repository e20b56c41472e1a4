using Azure;
using Replies.Durable.History;

namespace Replies.Durable.AzureStorage;

/// <summary>
/// The committed history of an instance's current execution, as loaded or as left by this worker's last episode.
/// The sentinel row's ETag fences commits: a worker with a stale copy fails to commit instead of forking history.
/// </summary>
internal sealed class HistoryState
{
    public static HistoryState Empty() => new();

    public string? ExecutionId { get; set; }

    public List<HistoryEvent> Events { get; } = [];

    public HashSet<string> MessageIds { get; } = new(StringComparer.Ordinal);

    public HashSet<int> CompletedTaskIds { get; } = [];

    /// <summary>ETag of the sentinel row; null when the instance has no history yet.</summary>
    public ETag? SentinelETag { get; set; }

    public OrchestrationRuntimeStatus Status { get; set; } = OrchestrationRuntimeStatus.Pending;

    public string? CustomStatus { get; set; }

    /// <summary>ETag of the instance row as this worker last wrote it.</summary>
    public ETag? InstanceRowETag { get; set; }

    /// <summary>Status and custom status last written to the instance row, to skip writes that change nothing.</summary>
    public (OrchestrationRuntimeStatus Status, string? CustomStatus)? RowWritten { get; set; }

    public ExecutionStarted? Started => Events.Count > 0 ? Events.OfType<ExecutionStarted>().FirstOrDefault() : null;

    public bool IsEmpty => ExecutionId is null;

    public void Append(HistoryEvent e, string? messageId)
    {
        Events.Add(e);
        if (messageId is not null)
        {
            MessageIds.Add(messageId);
        }

        if (CompletionTaskId(e) is { } id)
        {
            CompletedTaskIds.Add(id);
        }
    }

    public static int? CompletionTaskId(HistoryEvent e) => e switch
    {
        TaskCompleted c => c.TaskScheduledId,
        TaskFailed f => f.TaskScheduledId,
        TimerFired t => t.TimerId,
        SubOrchestrationCompleted c => c.TaskScheduledId,
        SubOrchestrationFailed f => f.TaskScheduledId,
        _ => null,
    };
}
