using System.Threading.Channels;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Search;
using Replies.Workflows.Storage;

namespace Replies.Functions.Search;

/// <summary>
/// Rebuilds the search indexes from storage at start, then re-indexes each item the catalog reports changed (its
/// text, its reply, whether that is published). Changes arriving while one is indexed are coalesced per item.
/// </summary>
internal sealed class SearchIndexService : BackgroundService
{
    private readonly SearchIndexer _indexer;
    private readonly ProposalCatalog _catalog;
    private readonly ILogger<SearchIndexService> _logger;
    private readonly Channel<string> _changed = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SearchIndexService(SearchIndexer indexer, ProposalCatalog catalog, ILogger<SearchIndexService> logger)
    {
        _indexer = indexer;
        _catalog = catalog;
        _logger = logger;
        catalog.Changed += (_, s) =>
        {
            Interlocked.Increment(ref _outstanding);
            _changed.Writer.TryWrite(s.ProposalId);
        };
    }

    /// <summary>Completes when the first rebuild is done.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Waits until everything changed so far is indexed (tests, and a page that must show a fresh result).</summary>
    public async Task DrainAsync(CancellationToken cancellationToken = default)
    {
        await Ready.WaitAsync(cancellationToken);
        while (Interlocked.Read(ref _outstanding) > 0)
        {
            await Task.Delay(20, cancellationToken);
        }
    }

    // Changes reported and not yet indexed and visible.
    private long _outstanding;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _indexer.RebuildAsync(_catalog.All.ToList(), stoppingToken);
            _ready.TrySetResult();
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            _logger.LogError(ex, "Building the search indexes failed; searches find nothing until the next start.");
            _ready.TrySetResult();
        }

        var pending = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            while (await _changed.Reader.WaitToReadAsync(stoppingToken))
            {
                var taken = 0;
                while (_changed.Reader.TryRead(out var id))
                {
                    pending.Add(id);
                    taken++;
                }

                foreach (var id in pending)
                {
                    if (_catalog.Get(id) is { } snapshot)
                    {
                        try
                        {
                            await _indexer.IndexAsync(snapshot, stoppingToken);
                        }
                        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                        {
                            _logger.LogWarning(ex, "Indexing {ProposalId} failed; it is indexed again at its next change or the next start.", id);
                        }
                    }
                }

                pending.Clear();
                _indexer.Internal.Refresh();
                _indexer.Public.Refresh();
                Interlocked.Add(ref _outstanding, -taken);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            _indexer.Internal.Commit();
            _indexer.Public.Commit();
        }
    }
}
