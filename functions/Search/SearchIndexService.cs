using Microsoft.Extensions.Options;
using Replies.Workflows.Search;

namespace Replies.Functions.Search;

/// <summary>
/// Keeps the shared search indexes: each pass, the instance that holds the writer's lease indexes what changed and
/// publishes a commit (<see cref="SharedIndexWriter"/>), and every instance opens the newest commit stored
/// (<see cref="SharedIndexReader"/>). Neither reads all items at start: a cold instance copies the stored index.
/// </summary>
internal sealed class SearchIndexService(SharedIndexWriter writer, SharedIndexReader reader, IndexFolder folder, IOptions<Startup.SearchOptions> options, Startup.AppStartup startup, ILogger<SearchIndexService> logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0);
    private TaskCompletionSource _nextPass = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _rebuild;

    /// <summary>Waits until a pass that began after this call is done: everything stored before it is searchable here.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken = default)
    {
        var pass = Volatile.Read(ref _nextPass).Task;
        _wake.Release();
        await pass.WaitAsync(cancellationToken);
    }

    /// <summary>Asks the writer (if this instance holds its lease) to build both indexes again from storage.</summary>
    public Task RebuildAsync(CancellationToken cancellationToken = default)
    {
        _rebuild = true;
        return DrainAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await startup.Ready.WaitAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                var pass = Interlocked.Exchange(ref _nextPass, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                // Copy what is stored first: a cold instance answers searches before it takes any writing on.
                await Try(() => reader.RefreshAsync(folder.Of("shared"), stoppingToken), "Opening the stored search index failed");
                var rebuild = _rebuild;
                _rebuild = false;
                if (await Try(() => writer.PassAsync(folder.Of("shared"), rebuild, stoppingToken), "Writing the search index failed"))
                {
                    await Try(() => reader.RefreshAsync(folder.Of("shared"), stoppingToken), "Opening the stored search index failed");
                }

                pass.TrySetResult();
                await _wake.WaitAsync(options.Value.FollowEvery, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            await writer.DisposeAsync();
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    private async Task<bool> Try(Func<Task<bool>> step, string failure)
    {
        try
        {
            return await step();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "{Failure}; the next pass tries again.", failure);
            return false;
        }
    }
}
