using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Replies.Workflows.Storage;

namespace Replies.Workflows.Deadlines;

/// <summary>
/// One row per instance that waits for a deadline: partition "due", row key = due time (sortable) and instance id, so
/// the sweep reads only what is due with one range query, however many items are open.
/// </summary>
public sealed class AlarmStore(ReplyStorage storage)
{
    private const string Partition = "due";
    private const string TimeFormat = "yyyyMMddHHmmss";

    /// <summary>A due alarm as read by the sweep; its ETag guards the removal.</summary>
    public sealed record DueAlarm(string InstanceId, string Key, DateTime At, ETag ETag, string RowKey);

    /// <summary>Writes an instance's alarm and removes the one it replaces; running it twice leaves the same row.</summary>
    public async Task SetAsync(AlarmSetting setting, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(setting);
        if (setting.PreviousAt is { } previous && previous != setting.At)
        {
            await RemoveAsync(RowKey(previous, setting.InstanceId), ETag.All, cancellationToken);
        }

        if (setting is { Key: { } key, At: { } at })
        {
            await storage.Alarms.UpsertEntityAsync(
                new TableEntity(Partition, RowKey(at, setting.InstanceId)) { ["InstanceId"] = setting.InstanceId, ["Key"] = key, ["At"] = DateTime.SpecifyKind(at, DateTimeKind.Utc) },
                TableUpdateMode.Replace,
                cancellationToken);
        }
    }

    /// <summary>Alarms due at or before <paramref name="now"/>, earliest first.</summary>
    public async Task<IReadOnlyList<DueAlarm>> DueAsync(DateTimeOffset now, int max = 1000, CancellationToken cancellationToken = default)
    {
        var upTo = now.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture) + "~";
        var due = new List<DueAlarm>();
        await foreach (var row in storage.Alarms.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey le {upTo}"), maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            due.Add(new DueAlarm(row.GetString("InstanceId")!, row.GetString("Key")!, row.GetDateTime("At")!.Value, row.ETag, row.RowKey));
            if (due.Count >= max)
            {
                break;
            }
        }

        return due;
    }

    /// <summary>The alarm an instance waits for now, if any (for views and tests).</summary>
    public async Task<(string Key, DateTime At)?> ForInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await foreach (var row in storage.Alarms.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and InstanceId eq {instanceId}"), cancellationToken: cancellationToken))
        {
            return (row.GetString("Key")!, row.GetDateTime("At")!.Value);
        }

        return null;
    }

    /// <summary>Removes a raised alarm unless the instance has rewritten it since it was read.</summary>
    public Task RemoveAsync(DueAlarm alarm, CancellationToken cancellationToken = default) =>
        RemoveAsync(alarm.RowKey, alarm.ETag, cancellationToken);

    private async Task RemoveAsync(string rowKey, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await storage.Alarms.DeleteEntityAsync(Partition, rowKey, etag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Already gone, or replaced by a newer alarm of the same instance at the same time: keep that one.
        }
    }

    private static string RowKey(DateTime at, string instanceId) => at.ToString(TimeFormat, CultureInfo.InvariantCulture) + "|" + instanceId;
}
