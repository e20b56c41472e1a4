using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Replies.Workflows.Search;
using Replies.Workflows.Storage;

namespace Replies.Functions.Search;

/// <summary>
/// Builds this instance's search indexes from the status table at start, then follows the change feed that every
/// transition writes: each item changed since the last pass (on any instance) is indexed again as it now stands.
/// </summary>
internal sealed class SearchIndexService(SearchIndexer indexer, ChangeFeed feed, ProposalStore store, TimeProvider time, IOptions<Startup.SearchOptions> options, ILogger<SearchIndexService> logger) : BackgroundService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, int> _indexed = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _wake = new(0);
    private TaskCompletionSource _nextPass = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first build is done.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Waits until a pass that began after this call is done: everything stored before it is searchable.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken = default)
    {
        await Ready.WaitAsync(cancellationToken);
        var pass = Volatile.Read(ref _nextPass).Task;
        _wake.Release();
        await pass.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var readUpTo = time.GetUtcNow().UtcDateTime;
        try
        {
            await indexer.RebuildAsync(Remembered(feed.AllAsync(stoppingToken)), stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Building the search indexes failed; items are indexed as they change.");
        }

        _ready.TrySetResult();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var pass = Interlocked.Exchange(ref _nextPass, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                var now = time.GetUtcNow().UtcDateTime;
                try
                {
                    await FollowAsync(readUpTo - ChangeFeed.Overlap, now, stoppingToken);
                    readUpTo = now;
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Following the change feed failed; the next pass reads the same span again.");
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
            indexer.Internal.Commit();
            indexer.Public.Commit();
        }
    }

    private async Task FollowAsync(DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var changed = (await feed.ChangedAsync(from, to, cancellationToken)).Where(c => _indexed.GetValueOrDefault(c.Key) < c.Value).ToList();
        if (changed.Count == 0)
        {
            return;
        }

        await Parallel.ForEachAsync(changed, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (change, ct) =>
        {
            if (await store.GetAsync(change.Key, ct) is { } snapshot)
            {
                await indexer.IndexAsync(snapshot, ct);
                _indexed[snapshot.ProposalId] = snapshot.Sequence;
            }
        });
        indexer.Internal.Refresh();
        indexer.Public.Refresh();
    }

    private async IAsyncEnumerable<Workflows.Lifecycle.ProposalSnapshot> Remembered(IAsyncEnumerable<Workflows.Lifecycle.ProposalSnapshot> items)
    {
        await foreach (var s in items)
        {
            _indexed[s.ProposalId] = s.Sequence;
            yield return s;
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }
}
