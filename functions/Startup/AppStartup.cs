using Azure;
using Replies.Functions.Safety;
using Replies.Functions.Seeding;
using Replies.Workflows.Directory;
using Replies.Workflows.Storage;

namespace Replies.Functions.Startup;

/// <summary>
/// What must be in memory before the first request: the tables, the directory (the sample one written first when
/// seeding is on). Loads as the host starts; functions wait for <see cref="Ready"/>. Storage that
/// refuses the app's identity (a new deployment's role assignments take minutes to reach storage) or cannot be reached
/// is tried again with growing pauses instead of stopping the worker, which the host would restart until it gives up.
/// </summary>
public sealed class AppStartup(ReplyStorage storage, SeedLoader seeds, DirectoryStore directory, ILogger<AppStartup> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(30);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private Task _loading = Task.CompletedTask;

    public Task Ready => _ready.Task;

    /// <summary>Loads once; a fault of data or code stops the start, storage not there yet goes on in the background.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await LoadOnceAsync(cancellationToken);
            _ready.TrySetResult();
        }
        catch (Exception ex) when (IsPassing(ex))
        {
            logger.LogWarning(ex, "Storage refused or could not be reached at start; trying again in the background");
            _loading = LoadAsync(_stopping.Token);
        }
        catch (Exception ex)
        {
            _ready.TrySetException(ex);
            throw;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            await _loading.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose() => _stopping.Dispose();

    /// <summary>Whether storage refuses or misses the app for now, as opposed to a fault of data or code.</summary>
    public static bool IsPassing(Exception exception) =>
        StorageOutage.Is(exception) || exception is RequestFailedException { Status: 403 } || exception.InnerException is RequestFailedException { Status: 403 };

    private async Task LoadOnceAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        await seeds.LoadDirectoryAsync(cancellationToken);
        await directory.LoadAsync(cancellationToken: cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var pause = TimeSpan.FromSeconds(1);
        while (true)
        {
            await Task.Delay(pause, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await LoadOnceAsync(cancellationToken);
                _ready.TrySetResult();
                logger.LogInformation("Storage answered: started");
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsPassing(ex))
            {
                logger.LogWarning(ex, "Storage still refused or unreachable at start; trying again in {Pause}", pause);
                pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
            }
            catch (Exception ex)
            {
                _ready.TrySetException(ex);
                return;
            }
        }
    }
}
