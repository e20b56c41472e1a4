using System.Text.Json;
using Azure.Data.Tables;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Reports;
using Replies.Workflows.Storage;

namespace Replies.Workflows.ReadModel;

/// <summary>
/// Writes items that did not come through a lifecycle (an import of earlier years, a benchmark's fill) in the read
/// model's own format: status rows, list rows and aggregates, by entity group transactions of up to a hundred rows of
/// one partition. Meant for storage no lifecycle is writing to at the same time: aggregates are replaced, not added to.
/// </summary>
public static class BulkLoad
{
    private const int BatchSize = 100;

    /// <summary>Writes every item's rows; returns how many storage requests it took.</summary>
    public static async Task<int> WriteAsync(ReplyStorage storage, IReadOnlyCollection<ProposalSnapshot> items, int parallelism = 32, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(items);
        await storage.EnsureCreatedAsync(cancellationToken);
        var groups = new Dictionary<(TableClient Table, string Partition), List<TableEntity>>();
        void Add(TableClient table, TableEntity entity)
        {
            if (!groups.TryGetValue((table, entity.PartitionKey), out var list))
            {
                groups[(table, entity.PartitionKey)] = list = [];
            }

            list.Add(entity);
        }

        var buckets = new Dictionary<string, (string Session, string Department, List<IReadOnlyDictionary<string, int>> Counts)>(StringComparer.Ordinal);
        foreach (var s in items)
        {
            var status = StatusRows.StatusEntity(s, JsonSerializer.Serialize(s, WorkflowJson.Options));
            status["Transition"] = "import";
            Add(storage.Status, status);
            var row = ItemRow.Of(s);
            Add(storage.ItemsBySession, row.ToEntity(s.Session));
            foreach (var (department, part) in ListWriter.Departments(s))
            {
                Add(storage.ItemsByDepartment, (row with { Part = part }).ToEntity(department));
            }

            foreach (var (person, part) in ListWriter.People(s))
            {
                Add(storage.ItemsByPerson, ListWriter.MembershipEntity(person, s, part));
            }

            if (!s.IsFinal)
            {
                Add(storage.ItemsByQueue, row.ToEntity(ListWriter.OpenPartition));
            }

            if (ListWriter.PublishedKey(s) is { } published)
            {
                var entity = row.ToEntity(ListWriter.PublishedPartition);
                entity.RowKey = published;
                entity["ProposalId"] = s.ProposalId;
                Add(storage.ItemsByQueue, entity);
            }

            var key = MetricsStore.BucketKey(s);
            if (!buckets.TryGetValue(key, out var bucket))
            {
                buckets[key] = bucket = (s.Session, s.LeadDepartment ?? "", []);
            }

            bucket.Counts.Add(HandlingMetrics.Counts(s));
        }

        foreach (var (key, bucket) in buckets)
        {
            var entity = new TableEntity(MetricsStore.Partition, key) { ["Session"] = bucket.Session, ["Department"] = bucket.Department };
            foreach (var (counter, value) in HandlingMetrics.Add(bucket.Counts))
            {
                entity[counter] = value;
            }

            Add(storage.Metrics, entity);
        }

        foreach (var (table, partition) in groups.Keys.Where(k => k.Table != storage.Status && k.Table != storage.ItemsByPerson && k.Partition != ListWriter.PublishedPartition).ToList())
        {
            Add(table, new TableEntity(partition, PartitionVersion.RowKey));
        }

        var batches = groups.SelectMany(g => g.Value.Chunk(BatchSize).Select(chunk => (g.Key.Table, chunk))).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (batch, ct) =>
            await batch.Table.SubmitTransactionAsync(batch.chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct));
        return batches.Count;
    }
}
