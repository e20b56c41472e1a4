using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Replies.Workflows.Deadlines;

/// <summary>
/// Raises <see cref="DeadlineReached"/> to every instance whose alarm is due by the injected clock, then removes the
/// alarm. Deadlines are data rather than durable timers because the engine's timers follow the wall clock: this way
/// business time comes from one <see cref="TimeProvider"/>, a month passes in a test by moving a fake clock, and a
/// finished item leaves no timer message behind in the queues. Raising twice is harmless: the instance ignores an
/// alarm it has already handled or no longer waits for.
/// </summary>
public sealed class DeadlineSweep(AlarmStore alarms, TimeProvider time, ILogger<DeadlineSweep> logger)
{
    /// <summary>Raises every due alarm; returns how many were raised.</summary>
    public async Task<int> SweepAsync(DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var due = await alarms.DueAsync(now, cancellationToken: cancellationToken);
        var raised = 0;
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (alarm, ct) =>
        {
            try
            {
                await client.RaiseEventAsync(alarm.InstanceId, nameof(DeadlineReached), new DeadlineReached(alarm.Key, now.UtcDateTime), ct);
                await alarms.RemoveAsync(alarm, ct);
                Interlocked.Increment(ref raised);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The row stays, so the next sweep tries again.
                logger.LogWarning(e, "Deadline {Key} of {InstanceId} not raised", alarm.Key, alarm.InstanceId);
            }
        });
        return raised;
    }
}
