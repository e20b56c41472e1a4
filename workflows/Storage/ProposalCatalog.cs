using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Data.Tables;
using Replies.Workflows.Lifecycle;

namespace Replies.Workflows.Storage;

/// <summary>
/// Every proposal's latest snapshot in memory, for the lists, boards and metrics that filter over all of them (a
/// session of ten thousand items is a few megabytes; a table scan per request would be seconds). Loaded once from the
/// status table, then kept current by the transitions this process stores and by reading the change feed (one small
/// partition per minute) for what other instances stored. The status table stays the truth.
/// </summary>
public sealed class ProposalCatalog(ReplyStorage storage, TimeProvider time) : IDisposable
{
    // Transitions are stamped with the writer's clock (a durable orchestration's time), so look back over the feed far
    // enough to cover clock skew between instances and a transition committed late.
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(2);
    private readonly ConcurrentDictionary<string, ProposalSnapshot> _items = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private DateTime? _readUpTo;
    private long _version;

    /// <summary>Raised after a snapshot was added or replaced (by this process's transitions or a catch-up read).</summary>
    public event EventHandler<ProposalSnapshot>? Changed;

    /// <summary>How many proposals are known.</summary>
    public int Count => _items.Count;

    /// <summary>Whether the first full load has finished.</summary>
    public bool IsLoaded => _readUpTo is not null;

    /// <summary>Every known proposal.</summary>
    public IEnumerable<ProposalSnapshot> All => _items.Values;

    /// <summary>Changes whenever a snapshot is added or replaced, so derived lists can be cached until it moves.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>One proposal, if known.</summary>
    public ProposalSnapshot? Get(string proposalId) => _items.GetValueOrDefault(proposalId);

    /// <summary>Takes a snapshot unless a newer one of the same proposal is already held.</summary>
    public void Apply(ProposalSnapshot snapshot)
    {
        var taken = _items.AddOrUpdate(snapshot.ProposalId, snapshot, (_, held) => held.Sequence >= snapshot.Sequence ? held : snapshot);
        if (ReferenceEquals(taken, snapshot))
        {
            Interlocked.Increment(ref _version);
            Changed?.Invoke(this, snapshot);
        }
    }

    /// <summary>
    /// The first time (or when <paramref name="full"/>, after rows were written around the lifecycle, as by a bulk
    /// import), reads every status row; otherwise the change feed since the last read.
    /// </summary>
    public async Task RefreshAsync(bool full = false, CancellationToken cancellationToken = default)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            await storage.EnsureCreatedAsync(cancellationToken);
            var now = time.GetUtcNow().UtcDateTime;
            if (full || _readUpTo is not { } since)
            {
                await foreach (var row in storage.Status.QueryAsync<TableEntity>($"RowKey eq '{ProposalStore.StatusRow}'", select: ["Snapshot"], cancellationToken: cancellationToken))
                {
                    Apply(JsonSerializer.Deserialize<ProposalSnapshot>(row.GetString("Snapshot")!, WorkflowJson.Options)!);
                }
            }
            else
            {
                await CatchUpAsync(since - Overlap, now, cancellationToken);
            }

            _readUpTo = now;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _refreshing.Dispose();

    private async Task CatchUpAsync(DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var changed = new Dictionary<string, int>(StringComparer.Ordinal);
        var first = new DateTime(from.Year, from.Month, from.Day, from.Hour, from.Minute, 0, DateTimeKind.Utc);
        for (var minute = first; minute <= to; minute = minute.AddMinutes(1))
        {
            var partition = ProposalStore.ChangePartition(minute);
            await foreach (var row in storage.Changes.QueryAsync<TableEntity>(r => r.PartitionKey == partition, select: ["ProposalId", "Sequence"], cancellationToken: cancellationToken))
            {
                var id = row.GetString("ProposalId")!;
                var sequence = row.GetInt32("Sequence") ?? 0;
                if ((Get(id)?.Sequence ?? 0) < sequence && (!changed.TryGetValue(id, out var seen) || seen < sequence))
                {
                    changed[id] = sequence;
                }
            }
        }

        // Only what this process does not hold yet costs a read of the status row.
        await Parallel.ForEachAsync(changed.Keys, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            var row = await storage.Status.GetEntityIfExistsAsync<TableEntity>(id, ProposalStore.StatusRow, ["Snapshot"], ct);
            if (row.HasValue)
            {
                Apply(JsonSerializer.Deserialize<ProposalSnapshot>(row.Value!.GetString("Snapshot")!, WorkflowJson.Options)!);
            }
        });
    }
}
