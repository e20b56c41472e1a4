using Azure.Data.Tables;

namespace Replies.Workflows.Storage;

/// <summary>Reads a whole partition of a table.</summary>
public static class PartitionRows
{
    /// <summary>The rows of one partition of a table (a list partition's version row left out).</summary>
    public static async Task<IReadOnlyList<TableEntity>> ReadAsync(TableClient index, string partition, CancellationToken cancellationToken = default)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in index.QueryAsync<TableEntity>(r => r.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            if (!ReadModel.PartitionVersion.Is(row))
            {
                rows.Add(row);
            }
        }

        return rows;
    }
}
