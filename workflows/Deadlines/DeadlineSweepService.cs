using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Replies.Workflows.Deadlines;

/// <summary>When the deadline sweep runs (section <c>Replies:Deadlines</c>).</summary>
public sealed class DeadlineOptions
{
    /// <summary>Pause between sweeps. Deadlines fall at the end of a China day, so a minute is precise enough.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Runs <see cref="DeadlineSweep"/> every <see cref="DeadlineOptions.SweepInterval"/> where no timer function does: the
/// workflow tests and benchmarks, which run the engine without the app.
/// </summary>
public sealed class DeadlineSweepService(DeadlineSweep sweep, DurableTaskClient client, IOptions<DeadlineOptions> options, ILogger<DeadlineSweepService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval);
        do
        {
            try
            {
                await sweep.SweepAsync(client, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Deadline sweep failed; it runs again in {Interval}", options.Value.SweepInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
