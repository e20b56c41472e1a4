using Azure;
using Azure.Data.Tables;
using Replies.Workflows.Directory;
using Replies.Workflows.Storage;

namespace Replies.Workflows.Notices;

/// <summary>
/// The state of each delivery (one notice to one person on one channel), in the notice's partition of the
/// Deliveries table: claimed (发送中) before the send, sent, retrying with the last error, held for the end of quiet
/// hours, or failed after the last attempt. A claim is an insert (or an ETag-guarded take-over of an expired claim),
/// so two copies of a notice processed at once send it once; a sender that dies leaves a claim that expires.
/// </summary>
public sealed class DeliveryStore(ReplyStorage storage, TimeProvider time)
{
    /// <summary>The partition listing failed deliveries for the clerk office.</summary>
    public const string FailedPartition = "failed";

    /// <summary>The partition of held SMS by release time.</summary>
    public const string HeldPartition = "held";

    /// <summary>How long a claim keeps others from sending the same delivery.</summary>
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);

    /// <summary>Claims a delivery for sending, or says why not.</summary>
    public async Task<DeliveryClaim> ClaimAsync(NoticeId notice, NoticeChannel channel, string personId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var now = time.GetUtcNow().UtcDateTime;
        var row = new TableEntity(notice.ToString(), RowKey(channel, personId))
        {
            ["State"] = nameof(DeliveryState.Sending),
            ["Attempts"] = 1,
            ["ClaimedUntil"] = now + ClaimFor,
        };
        try
        {
            var added = await storage.Deliveries.AddEntityAsync(row, cancellationToken);
            return new DeliveryClaim(DeliveryState.Sending, row.PartitionKey, row.RowKey, added.Headers.ETag!.Value, 1);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
        }

        var stored = (await storage.Deliveries.GetEntityAsync<TableEntity>(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken)).Value;
        var state = Enum.Parse<DeliveryState>(stored.GetString("State")!);
        var busy = state switch
        {
            DeliveryState.Sent or DeliveryState.Failed => true,
            DeliveryState.Held => stored.GetDateTime("HoldUntil") > now,
            DeliveryState.Sending => stored.GetDateTime("ClaimedUntil") > now,
            _ => false,
        };
        if (busy)
        {
            return new DeliveryClaim(state, row.PartitionKey, row.RowKey, default, stored.GetInt32("Attempts") ?? 0);
        }

        var attempts = (stored.GetInt32("Attempts") ?? 0) + 1;
        stored["State"] = nameof(DeliveryState.Sending);
        stored["Attempts"] = attempts;
        stored["ClaimedUntil"] = now + ClaimFor;
        try
        {
            var updated = await storage.Deliveries.UpdateEntityAsync(stored, stored.ETag, TableUpdateMode.Replace, cancellationToken);
            return new DeliveryClaim(DeliveryState.Sending, row.PartitionKey, row.RowKey, updated.Headers.ETag!.Value, attempts);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Another copy claimed it first.
            return new DeliveryClaim(DeliveryState.Sending, row.PartitionKey, row.RowKey, default, attempts);
        }
    }

    /// <summary>Records a delivery sent, with what the provider answered (its request or message id).</summary>
    public Task SentAsync(DeliveryClaim claim, string address, string? providerId, CancellationToken cancellationToken = default) =>
        SetAsync(claim, DeliveryState.Sent, new() { ["SentAt"] = time.GetUtcNow().UtcDateTime, ["Address"] = address, ["ProviderId"] = providerId }, cancellationToken);

    /// <summary>Records a failed attempt; the queue tries again later.</summary>
    public Task RetryAsync(DeliveryClaim claim, string error, CancellationToken cancellationToken = default) =>
        SetAsync(claim, DeliveryState.Retrying, new() { ["LastError"] = Trim(error), ["ClaimedUntil"] = time.GetUtcNow().UtcDateTime }, cancellationToken);

    /// <summary>Holds an SMS until <paramref name="until"/>, listed for the release timer.</summary>
    public async Task HoldAsync(DeliveryClaim claim, DateTime until, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await storage.Deliveries.UpsertEntityAsync(
            new TableEntity(HeldPartition, $"{until.Ticks:D19}|{claim.Partition}") { ["Notice"] = claim.Partition },
            TableUpdateMode.Replace,
            cancellationToken);
        await SetAsync(claim, DeliveryState.Held, new() { ["HoldUntil"] = until, ["Attempts"] = claim.Attempts - 1 }, cancellationToken);
    }

    /// <summary>The notices whose held SMS may go now; each is removed from the list once <paramref name="requeue"/> queued it.</summary>
    public async Task<int> ReleaseHeldAsync(Func<NoticeId, Task> requeue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requeue);
        var now = time.GetUtcNow().UtcDateTime;
        var released = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {HeldPartition} and RowKey lt {$"{now.Ticks:D19}|~"}");
        await foreach (var row in storage.Deliveries.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (Parse(row.GetString("Notice")!) is { } notice)
            {
                await requeue(notice);
            }

            await storage.Deliveries.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            released++;
        }

        return released;
    }

    /// <summary>Marks every delivery of a notice that was not sent as failed, and lists it for the clerk office.</summary>
    public async Task FailAsync(NoticeId notice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notice);
        foreach (var row in await RowsAsync(notice, cancellationToken))
        {
            if (row.GetString("State") is nameof(DeliveryState.Sent) or nameof(DeliveryState.Held))
            {
                continue;
            }

            row["State"] = nameof(DeliveryState.Failed);
            row["FailedAt"] = time.GetUtcNow().UtcDateTime;
            await storage.Deliveries.UpsertEntityAsync(new TableEntity(FailedPartition, $"{row.PartitionKey}|{row.RowKey}")
            {
                ["Notice"] = row.PartitionKey,
                ["Delivery"] = row.RowKey,
                ["LastError"] = row.GetString("LastError"),
                ["Attempts"] = row.GetInt32("Attempts"),
                ["FailedAt"] = row["FailedAt"],
            }, TableUpdateMode.Replace, cancellationToken);
            await storage.Deliveries.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <summary>The failed deliveries, newest first.</summary>
    public async Task<IReadOnlyList<FailedDelivery>> FailedAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<FailedDelivery>();
        await foreach (var row in storage.Deliveries.QueryAsync<TableEntity>(r => r.PartitionKey == FailedPartition, cancellationToken: cancellationToken))
        {
            if (Parse(row.GetString("Notice")!) is { } notice)
            {
                var (channel, person) = Split(row.GetString("Delivery")!);
                list.Add(new FailedDelivery(notice, channel, person, row.GetString("LastError") ?? "", row.GetInt32("Attempts") ?? 0, row.GetDateTime("FailedAt") ?? default));
            }
        }

        return [.. list.OrderByDescending(f => f.FailedAt)];
    }

    /// <summary>
    /// A clerk's re-send: the notice's failed deliveries may be tried again (a fresh round of attempts) and leave the
    /// failed list; returns whether there was one.
    /// </summary>
    public async Task<bool> ReopenAsync(NoticeId notice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var reopened = false;
        foreach (var row in await RowsAsync(notice, cancellationToken))
        {
            if (row.GetString("State") != nameof(DeliveryState.Failed))
            {
                continue;
            }

            row["State"] = nameof(DeliveryState.Retrying);
            row["Attempts"] = 0;
            await storage.Deliveries.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
            await storage.Deliveries.DeleteEntityAsync(FailedPartition, $"{row.PartitionKey}|{row.RowKey}", ETag.All, cancellationToken);
            reopened = true;
        }

        return reopened;
    }

    /// <summary>Every delivery of a notice.</summary>
    public async Task<IReadOnlyList<TableEntity>> RowsAsync(NoticeId notice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return await PartitionRows.ReadAsync(storage.Deliveries, notice.ToString(), cancellationToken);
    }

    /// <summary>The row key of a delivery.</summary>
    public static string RowKey(NoticeChannel channel, string personId) => $"{channel}|{personId}";

    private static (NoticeChannel Channel, string PersonId) Split(string rowKey)
    {
        var bar = rowKey.IndexOf('|', StringComparison.Ordinal);
        return (Enum.Parse<NoticeChannel>(rowKey[..bar]), rowKey[(bar + 1)..]);
    }

    // A notice id is its recipient, a bar, then its outbox key (which holds bars itself).
    private static NoticeId? Parse(string id) => id.IndexOf('|', StringComparison.Ordinal) is var bar and > 0 ? new NoticeId(id[..bar], id[(bar + 1)..]) : null;

    private Task SetAsync(DeliveryClaim claim, DeliveryState state, Dictionary<string, object?> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var row = new TableEntity(claim.Partition, claim.Row) { ["State"] = state.ToString() };
        foreach (var (key, value) in values)
        {
            row[key] = value;
        }

        // Merge: the attempt count and the last error stay unless given.
        return storage.Deliveries.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    private static string Trim(string error) => error.Length > 500 ? error[..500] : error;
}

/// <summary>Where a delivery stands.</summary>
public enum DeliveryState
{
    /// <summary>Claimed by a sender.</summary>
    Sending,

    /// <summary>Handed to the mail server or the SMS gateway.</summary>
    Sent,

    /// <summary>An attempt failed; the queue tries again.</summary>
    Retrying,

    /// <summary>An SMS held until quiet hours end.</summary>
    Held,

    /// <summary>Every attempt failed; shown to the clerk office.</summary>
    Failed,
}

/// <summary>The outcome of a claim: <see cref="DeliveryState.Sending"/> with an ETag means this sender may send.</summary>
public sealed record DeliveryClaim(DeliveryState State, string Partition, string Row, ETag ETag, int Attempts)
{
    /// <summary>Whether this sender holds the claim.</summary>
    public bool Granted => State == DeliveryState.Sending && ETag != default;
}

/// <summary>A failed delivery as the clerk office sees it.</summary>
public sealed record FailedDelivery(NoticeId Notice, NoticeChannel Channel, string PersonId, string LastError, int Attempts, DateTime FailedAt);
