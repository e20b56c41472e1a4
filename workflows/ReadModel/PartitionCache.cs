using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Data.Tables;

namespace Replies.Workflows.ReadModel;

/// <summary>How the instance keeps partitions it has read (section <c>Replies:ReadModel</c>).</summary>
public sealed class ReadModelOptions
{
    /// <summary>Rows kept over all cached partitions; the partitions used longest ago go first.</summary>
    public int MaxCachedRows { get; set; } = 60_000;

    /// <summary>
    /// How far before the previous read's server time a catch-up read looks again: a row is stamped by the server as it
    /// is written and becomes readable a moment later, so a read must look back over rows stamped just before the last.
    /// </summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A partition not read for this long is read whole again (rows gone longer ago are purged).</summary>
    public TimeSpan MaxIdle { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Partitions of the list tables held by this instance, never stale: every read first reads the partition's
/// <see cref="PartitionVersion"/> and, when it changed, asks storage for the rows of the partition stamped since the
/// previous read's server time (minus <see cref="ReadModelOptions.Overlap"/>), so a change made on any instance before
/// the read began is in its answer.
/// Reads arriving while a catch-up runs share the next one. Losing the cache (a new instance) costs one full read.
/// </summary>
public sealed class PartitionCache<T>(TableClient table, Func<TableEntity, T> parse, ReadModelOptions options, string? rowFilter = null)
    where T : class
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _rows;

    /// <summary>Rows held over all partitions.</summary>
    public long Rows => Interlocked.Read(ref _rows);

    /// <summary>Every row of the partition as it stands in storage now (gone rows included; the caller filters).</summary>
    public async Task<IReadOnlyCollection<T>> ReadAsync(string partition, CancellationToken cancellationToken = default)
    {
        var arrived = Stopwatch.GetTimestamp();
        var entry = _entries.GetOrAdd(partition, _ => new Entry());
        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            // A catch-up that began after this read arrived has seen everything this read must see.
            if (entry.StartedAt < arrived || entry.Rows is null)
            {
                var started = Stopwatch.GetTimestamp();
                var full = entry.Rows is null || entry.ReadAt is null || Stopwatch.GetElapsedTime(entry.StartedAt, started) > options.MaxIdle;

                // Read before the rows: a write landing after this read changes the version the next read compares.
                var version = await PartitionVersion.ReadAsync(table, partition, cancellationToken);
                if (full || version is null || version != entry.Version)
                {
                    await RefreshAsync(partition, entry, full, cancellationToken);
                }

                entry.Version = version;
                entry.StartedAt = started;
            }

            entry.UsedAt = Stopwatch.GetTimestamp();
            return entry.View!;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    private async Task RefreshAsync(string partition, Entry entry, bool full, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        if (rowFilter is not null)
        {
            filter += $" and {rowFilter}";
        }

        var rows = full ? new Dictionary<string, T>(StringComparer.Ordinal) : entry.Rows!;
        if (!full)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Timestamp ge {entry.ReadAt.GetValueOrDefault() - options.Overlap}");
        }

        var changed = full;
        DateTimeOffset? readAt = null;
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken).AsPages())
        {
            // The server's time of the first page: everything written before it is in this read (the Date header is to
            // the second, truncated, which only widens the next read's look back).
            readAt ??= page.GetRawResponse().Headers.Date;
            foreach (var e in page.Values.Where(e => !PartitionVersion.Is(e)))
            {
                rows[e.RowKey] = parse(e);
                changed = true;
            }
        }

        var before = entry.Rows?.Count ?? 0;
        entry.Rows = rows;
        // Without the server's time (an answer without a Date header) there is nothing to look back from: the next read
        // is a whole one. The app's clock is no stand-in: it is business time, which a development clock moves.
        entry.ReadAt = readAt;
        if (changed || entry.View is null)
        {
            entry.View = [.. rows.Values];
        }

        if (Interlocked.Add(ref _rows, rows.Count - before) > options.MaxCachedRows)
        {
            Evict();
        }
    }

    // Drops the partitions used longest ago until the rest fit; one in use stays readable by its holder.
    private void Evict()
    {
        foreach (var (key, entry) in _entries.OrderBy(e => e.Value.UsedAt).ToList())
        {
            if (Interlocked.Read(ref _rows) <= options.MaxCachedRows * 3 / 4)
            {
                return;
            }

            if (entry.Gate.Wait(0))
            {
                try
                {
                    if (_entries.TryRemove(key, out _))
                    {
                        Interlocked.Add(ref _rows, -(entry.Rows?.Count ?? 0));
                    }
                }
                finally
                {
                    entry.Gate.Release();
                }
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public Dictionary<string, T>? Rows { get; set; }

        public T[]? View { get; set; }

        public DateTimeOffset? ReadAt { get; set; }

        public Azure.ETag? Version { get; set; }

        public long StartedAt { get; set; }

        public long UsedAt { get; set; }
    }
}
