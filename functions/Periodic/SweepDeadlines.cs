using Microsoft.DurableTask.Client;
using Replies.Workflows.Deadlines;

namespace Replies.Functions.Periodic;

/// <summary>Raises every deadline that has come (schedule <c>Replies:Schedules:DeadlineSweep</c>, each minute by default).</summary>
public sealed class SweepDeadlines(DeadlineSweep sweep)
{
    [Function(nameof(SweepDeadlines))]
    public Task RunAsync([TimerTrigger("%Replies:Schedules:DeadlineSweep%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        sweep.SweepAsync(client, cancellationToken);
}
