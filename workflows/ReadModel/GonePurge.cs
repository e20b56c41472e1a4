using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Replies.Workflows.Storage;

namespace Replies.Workflows.ReadModel;

/// <summary>
/// Deletes list rows marked gone once every instance has had time to see them leave: a cache catches up at least every
/// <see cref="ReadModelOptions.MaxIdle"/> or reads its partition whole, so a day is ample. Ended items stay in the open
/// queue for <see cref="ClosedKept"/>, where the board shows those closed lately.
/// </summary>
public sealed class GonePurge(ReplyStorage storage, TimeProvider time, IOptions<ReadModelOptions> options)
{
    /// <summary>How long an ended item stays (marked gone) in the open queue.</summary>
    public static readonly TimeSpan ClosedKept = TimeSpan.FromDays(30);

    /// <summary>Deletes what has been gone long enough; returns how many rows went.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var left = now - Max(TimeSpan.FromDays(1), options.Value.MaxIdle * 2);
        var departments = await DeleteAsync(storage.ItemsByDepartment, TableClient.CreateQueryFilter($"Gone eq true and Timestamp lt {left}"), cancellationToken);
        var open = await DeleteAsync(storage.ItemsByQueue, TableClient.CreateQueryFilter($"PartitionKey eq {ListWriter.OpenPartition} and Gone eq true and Timestamp lt {now - ClosedKept}"), cancellationToken);
        return departments + open;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static async Task<int> DeleteAsync(TableClient table, string filter, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            try
            {
                // Only the row as read: one that came back (re-assigned to the department again) has a new ETag and stays.
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
                count++;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
            }
        }

        return count;
    }
}
