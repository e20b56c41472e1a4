using Microsoft.DurableTask.Client;
using Replies.Workflows.Watchdog;

namespace Replies.Functions.Periodic;

/// <summary>
/// Looks for items that should have moved and have not, repairs what it safely can and shows the rest on the clerk
/// office's board as 处理异常 (schedule <c>Replies:Schedules:Watchdog</c>, every five minutes by default; thresholds
/// <c>Replies:Watchdog</c>).
/// </summary>
public sealed class RunWatchdog(Watchdog watchdog)
{
    [Function(nameof(RunWatchdog))]
    public Task RunAsync([TimerTrigger("%Replies:Schedules:Watchdog%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        watchdog.RunAsync(client, cancellationToken);
}
