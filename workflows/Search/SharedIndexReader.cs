using Azure;

namespace Replies.Workflows.Search;

/// <summary>
/// This instance's copy of the shared search indexes, for searching: it opens the commit the stored manifest names,
/// copying only the files it does not hold yet (Lucene never changes a file once written), so a cold instance answers
/// its first search from the stored index without reading any text, and a new commit costs the new segments only.
/// </summary>
public sealed class SharedIndexReader(IndexStore store) : IDisposable
{
    private readonly object _gate = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SearchIndex _internal = SearchIndex.OpenReadOnly(new Lucene.Net.Store.RAMDirectory());
    private SearchIndex _public = SearchIndex.OpenReadOnly(new Lucene.Net.Store.RAMDirectory());
    private string? _lineage;
    private string? _folder;
    private ETag? _etag;

    /// <summary>The index officials search (empty until the first commit is copied).</summary>
    public SearchIndex Internal => _internal;

    /// <summary>The index of published replies.</summary>
    public SearchIndex Public => _public;

    /// <summary>The version of the manifest open now (0 before the first).</summary>
    public long Version { get; private set; }

    /// <summary>Waits (at most ten seconds) until the stored index was opened: a cold instance's first search answers from it.</summary>
    public Task ReadyAsync(CancellationToken cancellationToken) => ReadyAsync(TimeSpan.FromSeconds(10), cancellationToken);

    /// <summary>Waits (at most <paramref name="atMost"/>) until the stored index was opened, or found not to exist yet.</summary>
    public async Task ReadyAsync(TimeSpan atMost, CancellationToken cancellationToken = default)
    {
        try
        {
            await _ready.Task.WaitAsync(atMost, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Answered from what is open (possibly nothing yet) rather than not at all.
        }
    }

    /// <summary>Opens the latest stored commit if it is newer than the one open; returns whether it changed.</summary>
    public async Task<bool> RefreshAsync(string localRoot, CancellationToken cancellationToken = default)
    {
        try
        {
            var (manifest, etag) = await store.ManifestAsync(_etag, cancellationToken);
            if (manifest is null || manifest.Version == Version && manifest.Lineage == _lineage)
            {
                return false;
            }

            var folder = manifest.Lineage == _lineage ? _folder! : Path.Combine(localRoot, "reader-" + manifest.Lineage);
            foreach (var (index, files) in new[] { (IndexStore.Internal, manifest.InternalFiles), (IndexStore.Public, manifest.PublicFiles) })
            {
                var path = Path.Combine(folder, index);
                System.IO.Directory.CreateDirectory(path);
                // The segments file names the others, so it is copied last: a commit is visible only when complete.
                foreach (var file in files.OrderBy(f => f.StartsWith("segments", StringComparison.Ordinal)))
                {
                    if (!File.Exists(Path.Combine(path, file)))
                    {
                        await store.DownloadAsync(manifest.Lineage, index, file, Path.Combine(path, file), cancellationToken);
                    }
                }
            }

            if (manifest.Lineage != _lineage)
            {
                var (oldInternal, oldPublic) = (_internal, _public);
                var opened = (SearchIndex.OpenReadOnly(Lucene.Net.Store.FSDirectory.Open(Path.Combine(folder, IndexStore.Internal))), SearchIndex.OpenReadOnly(Lucene.Net.Store.FSDirectory.Open(Path.Combine(folder, IndexStore.Public))));
                opened.Item1.Refresh();
                opened.Item2.Refresh();
                lock (_gate)
                {
                    (_internal, _public) = opened;
                    _lineage = manifest.Lineage;
                    _folder = folder;
                }

                // Searches under way finish on the old indexes before they go.
                _ = Task.Delay(TimeSpan.FromSeconds(30), CancellationToken.None).ContinueWith(_ => { oldInternal.Dispose(); oldPublic.Dispose(); }, TaskScheduler.Default);
            }
            else
            {
                _internal.Refresh();
                _public.Refresh();
            }

            Version = manifest.Version;
            _etag = etag;
            // Segments merged away: the readers that used them have closed or keep them open (deleting is safe then).
            foreach (var (index, files) in new[] { (IndexStore.Internal, manifest.InternalFiles), (IndexStore.Public, manifest.PublicFiles) })
            {
                var keep = files.ToHashSet(StringComparer.Ordinal);
                foreach (var stale in System.IO.Directory.EnumerateFiles(Path.Combine(folder, index)).Where(f => !keep.Contains(Path.GetFileName(f)) && !f.EndsWith(".partial", StringComparison.Ordinal) && Path.GetFileName(f) != "write.lock"))
                {
                    TryDelete(stale);
                }
            }

            return true;
        }
        finally
        {
            _ready.TrySetResult();
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _internal.Dispose();
        _public.Dispose();
    }
}
