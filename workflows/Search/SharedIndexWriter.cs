using Microsoft.Extensions.Logging;
using Replies.Workflows.Storage;

namespace Replies.Workflows.Search;

/// <summary>
/// The one writer of the shared search indexes. Every instance runs it; the one that holds the lock's lease writes:
/// it opens the latest stored commit (or, when none is stored, builds both indexes from storage once), then each pass
/// reads the change feed since the manifest's point, indexes every item (or library document) changed since, commits,
/// uploads the new files and stores the manifest that names them. Another instance takes over within a lease's length
/// when the writer dies.
/// </summary>
public sealed class SharedIndexWriter(IndexStore store, ChangeFeed feed, ProposalStore proposals, DraftStore drafts, PolicyLibrary library, TimeProvider time, ILogger<SharedIndexWriter> logger) : IAsyncDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);
    private readonly string _leaseId = Guid.NewGuid().ToString();
    private readonly Dictionary<string, int> _indexed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _uploaded = new(StringComparer.Ordinal);
    private HashSet<string> _previous = new(StringComparer.Ordinal);
    private string? _root;
    private SearchIndexer? _indexer;
    private SearchManifest? _manifest;
    private DateTime _renewedAt;
    private bool _holding;

    /// <summary>Whether this instance is the writer now.</summary>
    public bool IsWriting => _holding && _indexer is not null;

    /// <summary>One pass: take or keep the lease, then bring the shared indexes up to the change feed. False when another instance writes.</summary>
    public async Task<bool> PassAsync(string localRoot, bool rebuild = false, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (!_holding)
        {
            _holding = await store.TryLeaseAsync(_leaseId, Lease, cancellationToken) is not null;
            _renewedAt = now;
            if (!_holding)
            {
                return false;
            }
        }
        else if (now - _renewedAt > Lease / 3)
        {
            if (!await store.RenewAsync(_leaseId, cancellationToken))
            {
                await DropAsync();
                return false;
            }

            _renewedAt = now;
        }

        rebuild = rebuild || await store.RebuildRequestedAsync(cancellationToken);
        if (_indexer is null || rebuild)
        {
            await OpenAsync(localRoot, rebuild, cancellationToken);
            if (rebuild)
            {
                await store.RebuildDoneAsync(cancellationToken);
            }

            return true;
        }

        var manifest = _manifest!;
        var changed = (await feed.ChangedAsync(manifest.FeedReadUpTo - ChangeFeed.Overlap, now, cancellationToken))
            .Where(c => _indexed.GetValueOrDefault(c.Key) < c.Value).ToList();
        foreach (var (id, sequence) in changed)
        {
            if (id.StartsWith(ChangeFeed.LibraryPrefix, StringComparison.Ordinal))
            {
                if (await library.GetAsync(id[ChangeFeed.LibraryPrefix.Length..], cancellationToken) is { } doc)
                {
                    _indexer.Index(doc);
                }
            }
            else if (await proposals.GetAsync(id, cancellationToken) is { } snapshot)
            {
                await _indexer.IndexAsync(snapshot, cancellationToken);
                _indexed[id] = Math.Max(sequence, snapshot.Sequence);
                continue;
            }

            _indexed[id] = sequence;
        }

        // The feed's point moves on even when nothing changed, so a pass never reads more than the overlap back.
        if (changed.Count > 0 || now - manifest.FeedReadUpTo > TimeSpan.FromMinutes(1))
        {
            await PublishAsync(manifest.Lineage, now, cancellationToken);
        }

        return true;
    }

    /// <summary>Gives the lease up, so another instance takes over at once.</summary>
    public async ValueTask DisposeAsync()
    {
        var holding = _holding;
        await DropAsync();
        if (holding)
        {
            await store.ReleaseAsync(_leaseId);
        }
    }

    private async Task OpenAsync(string localRoot, bool rebuild, CancellationToken cancellationToken)
    {
        await DropAsync();
        _holding = true;
        var (manifest, _) = await store.ManifestAsync(cancellationToken: cancellationToken);
        // An index built with other fields or analysis is rebuilt under a new lineage, as an operator's rebuild is.
        rebuild = rebuild || (manifest is not null && manifest.Schema != SearchIndex.Schema);
        var lineage = manifest is null || rebuild ? Guid.NewGuid().ToString("N") : manifest.Lineage;
        _root = Path.Combine(localRoot, "writer-" + lineage);
        if (System.IO.Directory.Exists(_root))
        {
            System.IO.Directory.Delete(_root, recursive: true);
        }

        if (manifest is not null && !rebuild)
        {
            foreach (var (index, files) in new[] { (IndexStore.Internal, manifest.InternalFiles), (IndexStore.Public, manifest.PublicFiles) })
            {
                System.IO.Directory.CreateDirectory(Path.Combine(_root, index));
                foreach (var file in files)
                {
                    await store.DownloadAsync(lineage, index, file, Path.Combine(_root, index, file), cancellationToken);
                    _uploaded.Add($"{lineage}/{index}/{file}");
                }
            }
        }

        _indexer = new SearchIndexer(Open(IndexStore.Internal), Open(IndexStore.Public), proposals, drafts, library);
        if (manifest is not null && !rebuild)
        {
            _manifest = manifest;
            return;
        }

        // No index yet (a new deployment, or an operator's rebuild): every item and document, read once.
        var started = time.GetUtcNow().UtcDateTime;
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Building the shared search indexes from storage (lineage {Lineage})", lineage);
        }

        await _indexer.RebuildAsync(Remembered(feed.AllAsync(cancellationToken)), cancellationToken);
        await PublishAsync(lineage, started, cancellationToken);
    }

    private SearchIndex Open(string index) => new(Lucene.Net.Store.FSDirectory.Open(Path.Combine(_root!, index)));

    private async Task PublishAsync(string lineage, DateTime readUpTo, CancellationToken cancellationToken)
    {
        _indexer!.Internal.Commit();
        _indexer.Public.Commit();
        var internalFiles = _indexer.Internal.CommittedFiles();
        var publicFiles = _indexer.Public.CommittedFiles();
        foreach (var (index, files) in new[] { (IndexStore.Internal, internalFiles), (IndexStore.Public, publicFiles) })
        {
            // The segments file last is not needed (the manifest is the commit point), but new files go before the manifest.
            await Parallel.ForEachAsync(files.Where(f => !_uploaded.Contains($"{lineage}/{index}/{f}")), cancellationToken, async (file, ct) =>
            {
                await store.UploadAsync(lineage, index, Path.Combine(_root!, index, file), ct);
                lock (_uploaded)
                {
                    _uploaded.Add($"{lineage}/{index}/{file}");
                }
            });
        }

        var manifest = new SearchManifest(lineage, (_manifest?.Version ?? 0) + 1, readUpTo, [.. internalFiles], [.. publicFiles]) { Schema = SearchIndex.Schema };
        await store.PutManifestAsync(manifest, _leaseId, cancellationToken);
        // Files merged away are deleted one commit later, so a reader still copying the previous commit finds them.
        var current = Names(manifest);
        foreach (var gone in _previous.Except(current).Except(_manifest is null ? [] : Names(_manifest)))
        {
            await store.DeleteAsync(gone, cancellationToken);
            _uploaded.Remove(gone);
        }

        _previous = _manifest is null ? current : Names(_manifest);
        _manifest = manifest;
    }

    private static HashSet<string> Names(SearchManifest m) =>
        new(m.InternalFiles.Select(f => $"{m.Lineage}/{IndexStore.Internal}/{f}").Concat(m.PublicFiles.Select(f => $"{m.Lineage}/{IndexStore.Public}/{f}")), StringComparer.Ordinal);

    private async IAsyncEnumerable<Lifecycle.ProposalSnapshot> Remembered(IAsyncEnumerable<Lifecycle.ProposalSnapshot> items)
    {
        await foreach (var s in items)
        {
            _indexed[s.ProposalId] = s.Sequence;
            yield return s;
        }
    }

    private Task DropAsync()
    {
        _indexer?.Dispose();
        _indexer = null;
        _manifest = null;
        _indexed.Clear();
        _holding = false;
        return Task.CompletedTask;
    }
}
