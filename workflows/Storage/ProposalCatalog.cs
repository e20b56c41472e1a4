using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Replies.Durable;
using Replies.Workflows.Lifecycle;

namespace Replies.Workflows.Storage;

/// <summary>
/// Every proposal's latest snapshot in memory, for the lists, boards and metrics that filter over all of them (a
/// session of ten thousand items is a few megabytes; a table scan per request would be seconds). Loaded from the
/// status table, kept current by the transitions this process stores and by a periodic catch-up read of rows changed
/// since the last one seen, which brings in what other instances stored. The status table stays the truth.
/// </summary>
public sealed class ProposalCatalog(ReplyStorage storage) : IDisposable
{
    // Rows committed out of order can carry a timestamp slightly older than one already seen.
    private static readonly TimeSpan CatchUpOverlap = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, ProposalSnapshot> _items = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private DateTimeOffset? _watermark;

    /// <summary>How many proposals are known.</summary>
    public int Count => _items.Count;

    /// <summary>Whether the first full load has finished.</summary>
    public bool IsLoaded => _watermark is not null;

    /// <summary>Every known proposal.</summary>
    public IEnumerable<ProposalSnapshot> All => _items.Values;

    /// <summary>One proposal, if known.</summary>
    public ProposalSnapshot? Get(string proposalId) => _items.GetValueOrDefault(proposalId);

    /// <summary>Takes a snapshot unless a newer one of the same proposal is already held.</summary>
    public void Apply(ProposalSnapshot snapshot) =>
        _items.AddOrUpdate(snapshot.ProposalId, snapshot, (_, held) => held.Sequence >= snapshot.Sequence ? held : snapshot);

    /// <summary>Reads the status rows changed since the last read (all of them the first time).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            await storage.EnsureCreatedAsync(cancellationToken);
            var filter = $"RowKey eq '{ProposalStore.StatusRow}'";
            if (_watermark is { } mark && mark > DateTimeOffset.MinValue + CatchUpOverlap)
            {
                filter += " and Timestamp ge datetime'" + (mark - CatchUpOverlap).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture) + "'";
            }

            var newest = _watermark ?? DateTimeOffset.MinValue;
            await foreach (var row in storage.Status.QueryAsync<TableEntity>(filter, select: ["Snapshot"], cancellationToken: cancellationToken))
            {
                Apply(JsonSerializer.Deserialize<ProposalSnapshot>(row.GetString("Snapshot")!, JsonDataConverter.Options)!);
                if (row.Timestamp is { } stamp && stamp > newest)
                {
                    newest = stamp;
                }
            }

            _watermark = newest;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _refreshing.Dispose();
}
