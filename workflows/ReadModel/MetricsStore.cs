using Azure;
using Azure.Data.Tables;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Reports;
using Replies.Workflows.Storage;

namespace Replies.Workflows.ReadModel;

/// <summary>One stored aggregate: the counters of the items of a session whose lead department is one department.</summary>
public sealed record MetricBucket(string Session, string Department, IReadOnlyDictionary<string, int> Counts);

/// <summary>
/// The handling figures as aggregate rows, kept by the transitions: each transition moves its item's counts
/// (<see cref="HandlingMetrics.Counts"/>) from the bucket of the previous snapshot to the bucket of the new one. All
/// rows live in one partition with a mark per item holding the last sequence applied, changed in the same entity
/// group transaction as the counters, so a replayed activity counts once. Buckets are split in a few shards by item
/// so that transitions of one session and department rarely wait for each other.
/// </summary>
public sealed class MetricsStore(ReplyStorage storage)
{
    /// <summary>The partition of every aggregate and mark.</summary>
    public const string Partition = "all";

    private const int Shards = 4;
    private const string BucketPrefix = "sd|";
    private const string MarkPrefix = "seq|";

    /// <summary>The filter of the bucket rows (the marks sort after them).</summary>
    public static string BucketFilter => $"RowKey ge '{BucketPrefix}' and RowKey lt '{MarkPrefix}'";

    /// <summary>
    /// Applies one transition's change of counts, once: from the snapshot stored before it (<paramref name="previous"/>)
    /// to <paramref name="current"/>; <paramref name="transition"/> tells two transitions of one sequence apart (an
    /// episode the engine lost may have stored another).
    /// </summary>
    public async Task ApplyAsync(ProposalSnapshot? previous, ProposalSnapshot current, string transition = "", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        var deltas = new Dictionary<string, (MetricBucket Bucket, Dictionary<string, int> Delta)>(StringComparer.Ordinal);
        void Move(ProposalSnapshot s, int sign)
        {
            var key = BucketKey(s);
            if (!deltas.TryGetValue(key, out var entry))
            {
                entry = (new MetricBucket(s.Session, s.LeadDepartment ?? "", new Dictionary<string, int>()), new Dictionary<string, int>(StringComparer.Ordinal));
                deltas[key] = entry;
            }

            foreach (var (counter, value) in HandlingMetrics.Counts(s))
            {
                entry.Delta[counter] = entry.Delta.GetValueOrDefault(counter) + (sign * value);
            }
        }

        if (previous is not null)
        {
            Move(previous, -1);
        }

        Move(current, +1);
        foreach (var key in deltas.Keys.ToList())
        {
            var delta = deltas[key].Delta;
            foreach (var zero in delta.Where(d => d.Value == 0).Select(d => d.Key).ToList())
            {
                delta.Remove(zero);
            }

            if (delta.Count == 0)
            {
                deltas.Remove(key);
            }
        }

        if (deltas.Count == 0)
        {
            return;
        }

        var mark = MarkPrefix + current.ProposalId;
        var keys = deltas.Keys.Append(mark).ToList();
        var filter = $"PartitionKey eq '{Partition}' and ({string.Join(" or ", keys.Select(k => TableClient.CreateQueryFilter($"RowKey eq {k}")))})";
        while (true)
        {
            var stored = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
            await foreach (var row in storage.Metrics.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                stored[row.RowKey] = row;
            }

            if (stored.TryGetValue(mark, out var applied) && (applied.GetInt32("Sequence") > current.Sequence
                || (applied.GetInt32("Sequence") == current.Sequence && (applied.GetString("Transition") ?? "") == transition)))
            {
                return;
            }

            var batch = new List<TableTransactionAction>();
            foreach (var (key, (bucket, delta)) in deltas)
            {
                var entity = stored.GetValueOrDefault(key) ?? new TableEntity(Partition, key) { ["Session"] = bucket.Session, ["Department"] = bucket.Department };
                foreach (var (counter, value) in delta)
                {
                    entity[counter] = (entity.GetInt32(counter) ?? 0) + value;
                }

                batch.Add(stored.ContainsKey(key) ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, entity.ETag) : new TableTransactionAction(TableTransactionActionType.Add, entity));
            }

            var markEntity = new TableEntity(Partition, mark) { ["Sequence"] = current.Sequence, ["Transition"] = transition };
            batch.Add(applied is not null ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, markEntity, applied.ETag) : new TableTransactionAction(TableTransactionActionType.Add, markEntity));
            batch.Add(PartitionVersion.Touch(Partition));
            try
            {
                await storage.Metrics.SubmitTransactionAsync(batch, cancellationToken);
                return;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                // Another transition changed one of the rows meanwhile (or a copy of this one applied it): read again.
            }
        }
    }

    /// <summary>A stored bucket row.</summary>
    public static MetricBucket FromEntity(TableEntity e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, value) in e)
        {
            if (value is int n)
            {
                counts[key] = n;
            }
        }

        return new MetricBucket(e.GetString("Session") ?? "", e.GetString("Department") ?? "", counts);
    }

    /// <summary>The row of the bucket an item counts in.</summary>
    public static string BucketKey(ProposalSnapshot s) => $"{BucketPrefix}{s.Session}|{s.LeadDepartment}|{Shard(s.ProposalId)}";

    // Stable across processes (string.GetHashCode is not).
    private static int Shard(string id)
    {
        var h = 0u;
        foreach (var c in id)
        {
            h = (h * 31) + c;
        }

        return (int)(h % Shards);
    }
}
