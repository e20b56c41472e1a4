using System.ComponentModel.DataAnnotations;

namespace Replies.Durable.AzureStorage;

/// <summary>
/// Settings of the runtime. The names follow host.json's <c>extensions.durableTask</c> section where a setting
/// corresponds (see <see cref="DependencyInjection.HostJsonBinder"/>).
/// </summary>
public sealed class DurableTaskOptions
{
    /// <summary>The task hub: prefix of every table, queue and container. Letters and digits, starting with a letter.</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "HubName must be 3-45 letters or digits and start with a letter.")]
    public string HubName { get; set; } = "Replies";

    /// <summary>Number of control queues (partitions); fixed for the life of a task hub.</summary>
    [Range(1, 16)]
    public int PartitionCount { get; set; } = 4;

    /// <summary>Episodes run at once by one worker (host.json: maxConcurrentOrchestratorFunctions).</summary>
    [Range(1, 1000)]
    public int MaxConcurrentOrchestrations { get; set; } = 64;

    /// <summary>Activities run at once by one worker (host.json: maxConcurrentActivityFunctions).</summary>
    [Range(1, 1000)]
    public int MaxConcurrentActivities { get; set; } = 32;

    /// <summary>Messages fetched from a control queue per request (host.json: controlQueueBatchSize).</summary>
    [Range(1, 32)]
    public int ControlQueueBatchSize { get; set; } = 32;

    /// <summary>Longest wait between polls of an idle queue (host.json: maxQueuePollingInterval).</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>First wait after a poll found nothing; doubles up to <see cref="MaxPollingInterval"/>.</summary>
    public TimeSpan MinPollingInterval { get; set; } = TimeSpan.FromMilliseconds(25);

    /// <summary>How long a dequeued control message stays hidden (host.json: controlQueueVisibilityTimeout).</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a dequeued work item stays hidden; renewed while the activity runs (host.json: workItemQueueVisibilityTimeout).</summary>
    public TimeSpan WorkItemVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Partition lease length; Azure allows 15 to 60 seconds.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often leases are renewed and partitions rebalanced.</summary>
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A work item dequeued more often than this fails its task instead of looping (poison handling).</summary>
    [Range(1, 100)]
    public int MaxActivityDequeueCount { get; set; } = 5;

    /// <summary>
    /// Longest visibility delay put on a timer message; a timer further away is re-hidden when it surfaces.
    /// Queues allow 7 days; tests with a fake clock set this to a fraction of a second so timers notice the clock.
    /// </summary>
    public TimeSpan MaxTimerMessageDelay { get; set; } = TimeSpan.FromDays(6);

    /// <summary>Instances whose history is kept in memory between episodes.</summary>
    [Range(0, 1_000_000)]
    public int HistoryCacheCapacity { get; set; } = 5000;

    /// <summary>This worker's identity; the partition lease id is derived from it, so a restarted worker with the same id resumes its leases at once.</summary>
    [Required]
    public string WorkerId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>How long shutdown waits for running episodes and activities before abandoning them.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Called with the name of each step boundary of an episode and activity (see <see cref="Checkpoints"/>).
    /// Fault-injection tests kill the process here; leave null in production.
    /// </summary>
    public Action<string>? OnCheckpoint { get; set; }

    /// <summary>Checks values that attributes cannot.</summary>
    public IEnumerable<string> Validate()
    {
        if (LeaseDuration < TimeSpan.FromSeconds(15) || LeaseDuration > TimeSpan.FromSeconds(60))
        {
            yield return "LeaseDuration must be between 15 and 60 seconds.";
        }

        if (LeaseRenewInterval <= TimeSpan.Zero || LeaseRenewInterval >= LeaseDuration)
        {
            yield return "LeaseRenewInterval must be positive and shorter than LeaseDuration.";
        }

        if (MinPollingInterval <= TimeSpan.Zero || MaxPollingInterval < MinPollingInterval)
        {
            yield return "MinPollingInterval must be positive and no longer than MaxPollingInterval.";
        }

        if (MaxTimerMessageDelay <= TimeSpan.Zero || MaxTimerMessageDelay > TimeSpan.FromDays(7))
        {
            yield return "MaxTimerMessageDelay must be positive and at most 7 days.";
        }
    }
}

/// <summary>Names of the step boundaries reported to <see cref="DurableTaskOptions.OnCheckpoint"/>.</summary>
public static class Checkpoints
{
    /// <summary>Messages are dequeued and history is loaded; nothing is written yet.</summary>
    public const string BeforeHistoryCommit = "episode:before-history";

    /// <summary>History is committed; outbound messages are not sent.</summary>
    public const string AfterHistoryCommit = "episode:after-history";

    /// <summary>Outbound messages are sent and the instance row is written; inbound messages are not deleted.</summary>
    public const string AfterMessagesSent = "episode:after-send";

    /// <summary>Everything of the episode is done.</summary>
    public const string AfterMessagesDeleted = "episode:after-delete";

    /// <summary>An activity returned; its result is not sent.</summary>
    public const string ActivityBeforeResult = "activity:before-result";

    /// <summary>An activity's result is sent; its work item is not deleted.</summary>
    public const string ActivityAfterResult = "activity:after-result";
}
