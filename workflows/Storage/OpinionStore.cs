using Azure.Data.Tables;
using Replies.Workflows.Lifecycle;

namespace Replies.Workflows.Storage;

/// <summary>
/// The co-handling opinions of an item, one row per co-handling department (partition: proposal id, row: department).
/// A row exists once the department answered or its time ran out; <c>Received</c> says which.
/// </summary>
public sealed class OpinionStore(ReplyStorage storage)
{
    /// <summary>Stores an opinion, or that none came in time (<see cref="OpinionRecord.Opinion"/> null).</summary>
    public async Task SaveAsync(OpinionRecord record, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        await storage.Opinions.UpsertEntityAsync(
            new TableEntity(record.ProposalId, record.Department)
            {
                ["Opinion"] = record.Opinion,
                ["By"] = record.By,
                ["At"] = record.At,
                ["Late"] = record.Late,
                ["Received"] = record.Opinion is not null,
            },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    /// <summary>One department's row, or null when it has neither answered nor run out of time.</summary>
    public async Task<OpinionRecord?> GetAsync(string proposalId, string department, CancellationToken cancellationToken = default)
    {
        var row = await storage.Opinions.GetEntityIfExistsAsync<TableEntity>(proposalId, department, cancellationToken: cancellationToken);
        return row.HasValue ? Read(row.Value!) : null;
    }

    /// <summary>Every row of an item.</summary>
    public async Task<IReadOnlyList<OpinionRecord>> ListAsync(string proposalId, CancellationToken cancellationToken = default) =>
        [.. (await PartitionRows.ReadAsync(storage.Opinions, proposalId, cancellationToken)).Select(Read)];

    private static OpinionRecord Read(TableEntity e) =>
        new(e.PartitionKey, e.RowKey, e.GetBoolean("Received") == true ? e.GetString("Opinion") : null, e.GetString("By"), e.GetDateTime("At") ?? default, e.GetBoolean("Late") ?? false);
}
