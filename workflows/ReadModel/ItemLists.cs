using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Replies.Workflows.Storage;

namespace Replies.Workflows.ReadModel;

/// <summary>
/// Reads the list tables: each list people use is one partition (a session, a department, a person, the open or the
/// published queue) or the stored aggregates. Partitions many people read repeatedly go through the instance's
/// <see cref="PartitionCache{T}"/>; a person's own items (a few, read one by one) and the published queue are read
/// straight from storage.
/// </summary>
public sealed class ItemLists
{
    private readonly ReplyStorage _storage;
    private readonly PartitionCache<ItemRow> _sessions;
    private readonly PartitionCache<ItemRow> _departments;
    private readonly PartitionCache<ItemRow> _queues;
    private readonly PartitionCache<MetricBucket> _metrics;

    public ItemLists(ReplyStorage storage, IOptions<ReadModelOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _storage = storage;
        _sessions = new PartitionCache<ItemRow>(storage.ItemsBySession, ItemRow.FromEntity, options.Value);
        _departments = new PartitionCache<ItemRow>(storage.ItemsByDepartment, ItemRow.FromEntity, options.Value);
        _queues = new PartitionCache<ItemRow>(storage.ItemsByQueue, ItemRow.FromEntity, options.Value);
        _metrics = new PartitionCache<MetricBucket>(storage.Metrics, MetricsStore.FromEntity, options.Value, MetricsStore.BucketFilter);
    }

    /// <summary>Rows this instance holds in its caches.</summary>
    public long CachedRows => _sessions.Rows + _departments.Rows + _queues.Rows + _metrics.Rows;

    /// <summary>Every item of a session (the clerk's list and the ledger of that session).</summary>
    public async Task<IReadOnlyCollection<ItemRow>> SessionAsync(string session, CancellationToken cancellationToken = default) =>
        await _sessions.ReadAsync(session, cancellationToken);

    /// <summary>Every item a department handles or handled (its inbox and approvals); rows of items it no longer handles are left out.</summary>
    public async Task<IReadOnlyList<ItemRow>> DepartmentAsync(string department, CancellationToken cancellationToken = default) =>
        [.. (await _departments.ReadAsync(department, cancellationToken)).Where(r => !r.Gone)];

    /// <summary>Every item not yet ended, and (marked gone) those that ended lately (the board, the clerk's queues, pending requests).</summary>
    public async Task<IReadOnlyCollection<ItemRow>> OpenQueueAsync(CancellationToken cancellationToken = default) =>
        await _queues.ReadAsync(ListWriter.OpenPartition, cancellationToken);

    /// <summary>A person's items with their part in each: their rows name the items, read from their sessions' partitions.</summary>
    public async Task<IReadOnlyList<ItemRow>> PersonAsync(string personId, CancellationToken cancellationToken = default)
    {
        var members = new List<TableEntity>();
        await foreach (var e in _storage.ItemsByPerson.QueryAsync<TableEntity>(r => r.PartitionKey == personId, cancellationToken: cancellationToken))
        {
            members.Add(e);
        }

        var rows = await Task.WhenAll(members.Select(async m =>
            await ItemAsync(m.GetString("Session")!, m.RowKey, cancellationToken) is { } row ? row with { Part = m.GetString("Part") } : null));
        return [.. rows.OfType<ItemRow>()];
    }

    /// <summary>Published replies, newest letter first, optionally of one session.</summary>
    public async IAsyncEnumerable<ItemRow> PublishedAsync(string? session, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ListWriter.PublishedPartition}");
        if (session is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Session eq {session}");
        }

        await foreach (var e in _storage.ItemsByQueue.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            e.RowKey = e.GetString("ProposalId")!;
            yield return ItemRow.FromEntity(e);
        }
    }

    /// <summary>One item's row in its session partition, or null.</summary>
    public async Task<ItemRow?> ItemAsync(string session, string proposalId, CancellationToken cancellationToken = default)
    {
        var row = await _storage.ItemsBySession.GetEntityIfExistsAsync<TableEntity>(session, proposalId, cancellationToken: cancellationToken);
        return row.HasValue ? ItemRow.FromEntity(row.Value!) : null;
    }

    /// <summary>The stored aggregates: one bucket per session, lead department and shard.</summary>
    public async Task<IReadOnlyCollection<MetricBucket>> MetricsAsync(CancellationToken cancellationToken = default) =>
        await _metrics.ReadAsync(MetricsStore.Partition, cancellationToken);

    /// <summary>Every session that holds an item.</summary>
    public async Task<IReadOnlyList<string>> SessionsAsync(CancellationToken cancellationToken = default) =>
        [.. (await MetricsAsync(cancellationToken)).Where(b => b.Counts.GetValueOrDefault("Total") > 0).Select(b => b.Session).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Every item of every session (a list without a session or department), read session by session.</summary>
    public async Task<IReadOnlyList<ItemRow>> AllAsync(CancellationToken cancellationToken = default)
    {
        var sessions = await SessionsAsync(cancellationToken);
        var parts = await Task.WhenAll(sessions.Select(s => SessionAsync(s, cancellationToken)));
        return [.. parts.SelectMany(p => p)];
    }
}
