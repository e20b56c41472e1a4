using Azure;
using Azure.Data.Tables;
using Replies.Workflows.Storage;

namespace Replies.Workflows.Watchdog;

/// <summary>
/// The 处理异常 the watchdog leaves for the clerk office (partition <c>open</c>, row <c>{proposal}|{kind}</c>): each run
/// writes what it found and removes what it no longer finds, keeping the time each was first seen. Partition
/// <c>rewound</c> remembers which lifecycles it rewound, so that one failing again is shown rather than rewound again.
/// </summary>
public sealed class AnomalyStore(ReplyStorage storage)
{
    private const string Partition = "open";

    // The instances the watchdog rewound, and when (row = instance id).
    private const string RewoundPartition = "rewound";

    /// <summary>Every open 处理异常, oldest first.</summary>
    public async Task<IReadOnlyList<Anomaly>> ListAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<Anomaly>();
        try
        {
            await foreach (var row in storage.Anomalies.QueryAsync<TableEntity>(r => r.PartitionKey == Partition, cancellationToken: cancellationToken))
            {
                list.Add(Read(row));
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No table yet: nothing found so far.
        }

        return [.. list.OrderBy(a => a.Since)];
    }

    /// <summary>Makes the stored set <paramref name="found"/>: new ones added, those seen before keep their first time, the rest removed; how many were removed.</summary>
    public async Task<(IReadOnlyList<Anomaly> Open, int Cleared)> ReplaceAsync(IReadOnlyCollection<Anomaly> found, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(found);
        var before = (await ListAsync(cancellationToken)).ToDictionary(Key, StringComparer.Ordinal);
        var open = new List<Anomaly>();
        foreach (var a in found)
        {
            var kept = before.Remove(Key(a), out var earlier) ? a with { Since = earlier.Since } : a;
            await storage.Anomalies.UpsertEntityAsync(Entity(kept), TableUpdateMode.Replace, cancellationToken);
            open.Add(kept);
        }

        foreach (var gone in before.Keys)
        {
            await storage.Anomalies.DeleteEntityAsync(Partition, gone, ETag.All, cancellationToken);
        }

        return (open, before.Count);
    }

    /// <summary>When the watchdog last rewound an instance, if it ever did.</summary>
    public async Task<DateTimeOffset?> RewoundAtAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var row = await storage.Anomalies.GetEntityIfExistsAsync<TableEntity>(RewoundPartition, instanceId, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.GetDateTimeOffset("At") : null;
    }

    /// <summary>Notes that the watchdog rewinds an instance now.</summary>
    public Task MarkRewoundAsync(string instanceId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        storage.Anomalies.UpsertEntityAsync(new TableEntity(RewoundPartition, instanceId) { ["At"] = at }, TableUpdateMode.Replace, cancellationToken);

    private static string Key(Anomaly a) => $"{a.ProposalId}|{a.Kind}";

    private static TableEntity Entity(Anomaly a) => new(Partition, Key(a))
    {
        ["ProposalId"] = a.ProposalId,
        ["Kind"] = a.Kind.ToString(),
        ["Reason"] = a.Reason,
        ["Since"] = a.Since,
    };

    private static Anomaly Read(TableEntity e) =>
        new(e.GetString("ProposalId")!, Enum.Parse<AnomalyKind>(e.GetString("Kind")!), e.GetString("Reason")!, e.GetDateTimeOffset("Since") ?? default);
}
