using Azure;
using Azure.Data.Tables;

namespace Replies.Workflows.ReadModel;

/// <summary>
/// One row per cached partition that every write to the partition replaces in the same entity group transaction, so
/// its ETag changes with every change to the partition. A reader that finds the ETag it saw before knows the partition
/// has not changed by one point read, instead of querying the partition for rows stamped since its previous read (a
/// scan of the partition on Azure, of the whole table on Azurite).
/// </summary>
public static class PartitionVersion
{
    /// <summary>The row key of the version row: after every item's key, so a range of item keys never holds it.</summary>
    public const string RowKey = "~version";

    /// <summary>The version row of a partition, to be written with the partition's other rows.</summary>
    public static TableTransactionAction Touch(string partition) =>
        new(TableTransactionActionType.UpsertReplace, new TableEntity(partition, RowKey));

    /// <summary>Whether a row read from a partition is its version row rather than an item.</summary>
    public static bool Is(ITableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return entity.RowKey == RowKey;
    }

    /// <summary>Upserts rows of one partition together with its version row, in one request.</summary>
    public static async Task UpsertAsync(TableClient table, TableEntity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(entity);
        await table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity), Touch(entity.PartitionKey)], cancellationToken);
    }

    /// <summary>The partition's version (its row's ETag), or null when no writer has stamped it.</summary>
    public static async Task<ETag?> ReadAsync(TableClient table, string partition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, RowKey, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.ETag : null;
    }
}
