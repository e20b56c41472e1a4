using Microsoft.Extensions.Options;
using Replies.Workflows.Directory;

namespace Replies.Functions.Startup;

/// <summary>How often this instance reads the directory again (section <c>Replies:Directory</c>).</summary>
public sealed class DirectoryRefreshOptions
{
    /// <summary>The pause between two reads; what an administrator changed on another instance shows here within it.</summary>
    public TimeSpan RefreshEvery { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Keeps this instance's copy of the directory (people and departments, a few hundred rows read on every request)
/// current with what administrators change on any instance. A timer function would not do: the platform runs a timer
/// on one instance only.
/// </summary>
internal sealed class DirectoryRefresh(DirectoryStore directory, AppStartup startup, IOptions<DirectoryRefreshOptions> options, ILogger<DirectoryRefresh> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await startup.Ready.WaitAsync(stoppingToken);
            using var timer = new PeriodicTimer(options.Value.RefreshEvery);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await directory.LoadAsync(force: true, cancellationToken: stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Reading the directory again failed; the copy held stays in use.");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
