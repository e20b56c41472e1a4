using System.Text.Json;
using Azure.Data.Tables;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Workflows.Notices;

/// <summary>
/// The one owner of the outbox rows (what 消息 shows): writes the notices of a step and, once a row is stored, puts its
/// id on the notice queue, from which the sender delivers it by mail and SMS; reads them back for the sender, the
/// clerk office's failed list and 消息. A repeated write (an activity retried) stores the same rows and queues the same
/// ids again: the sender delivers each id once.
/// </summary>
public static class NoticeOutbox
{
    /// <summary>Stores the notices of one step under keys <c>{proposalId}|{batch}|{index:D2}</c> and queues them.</summary>
    public static async Task WriteAsync(ReplyStorage storage, string proposalId, string batch, DateTime at, IReadOnlyList<Notification> notices, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(notices);
        await Task.WhenAll(notices.Select(async (n, i) =>
        {
            var id = new NoticeId(n.Recipient, $"{proposalId}|{batch}|{i:D2}");
            await StoreAsync(storage, id, proposalId, n, at, cancellationToken);
            await storage.Notices.SendMessageAsync(id.ToMessage(), cancellationToken);
        }));
    }

    /// <summary>
    /// Shows the clerk office (in 消息) a notice for a proposer who prefers paper, under the notice's own key so a
    /// repeated delivery stores it once; not queued, the sender delivers it with the original.
    /// </summary>
    public static Task CopyToClerkOfficeAsync(ReplyStorage storage, NoticeId id, string proposalId, Notification passedOn, DateTime at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return StoreAsync(storage, id with { Recipient = Recipients.ClerkOffice }, proposalId, passedOn, at, cancellationToken);
    }

    /// <summary>One notice of the outbox, if it is there.</summary>
    public static async Task<OutboxNotice?> GetAsync(ReplyStorage storage, NoticeId id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(id);
        var row = await storage.Outbox.GetEntityIfExistsAsync<TableEntity>(id.Recipient, id.Key, cancellationToken: cancellationToken);
        return row.HasValue ? Parse(row.Value!) : null;
    }

    /// <summary>Every notice of one recipient's partition, or of the whole outbox when none is named.</summary>
    public static async Task<IReadOnlyList<OutboxNotice>> ListAsync(ReplyStorage storage, string? recipient, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var notices = new List<OutboxNotice>();
        var filter = recipient is null ? null : TableClient.CreateQueryFilter($"PartitionKey eq {recipient}");
        await foreach (var row in storage.Outbox.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            notices.Add(Parse(row));
        }

        return notices;
    }

    private static Task StoreAsync(ReplyStorage storage, NoticeId id, string proposalId, Notification n, DateTime at, CancellationToken cancellationToken) =>
        storage.Outbox.UpsertEntityAsync(
            new TableEntity(id.Recipient, id.Key)
            {
                [nameof(OutboxNotice.ProposalId)] = proposalId,
                [nameof(OutboxNotice.Kind)] = n.Kind.ToString(),
                [nameof(OutboxNotice.Message)] = n.Message,
                [nameof(OutboxNotice.CreatedAt)] = at,
            },
            TableUpdateMode.Replace,
            cancellationToken);

    private static OutboxNotice Parse(TableEntity row) => new(
        new NoticeId(row.PartitionKey, row.RowKey),
        row.GetString(nameof(OutboxNotice.ProposalId)) ?? "",
        Enum.TryParse<NotificationKind>(row.GetString(nameof(OutboxNotice.Kind)), out var kind) ? kind : NotificationKind.Info,
        row.GetString(nameof(OutboxNotice.Message)) ?? "",
        row.GetDateTime(nameof(OutboxNotice.CreatedAt)) ?? default);
}

/// <summary>A notice as the outbox holds it.</summary>
public sealed record OutboxNotice(NoticeId Id, string ProposalId, NotificationKind Kind, string Message, DateTime CreatedAt);

/// <summary>A notice's identity: its outbox row (recipient partition and key), stable across retries.</summary>
public sealed record NoticeId(string Recipient, string Key)
{
    /// <summary>The notice id as deliveries, Message-IDs and out-ids carry it.</summary>
    public override string ToString() => $"{Recipient}|{Key}";

    /// <summary>The queue message naming this notice.</summary>
    public string ToMessage() => JsonSerializer.Serialize(this, WorkflowJson.Options);

    /// <summary>The notice a queue message names, or null for a message that is not one.</summary>
    public static NoticeId? FromMessage(string message)
    {
        try
        {
            return JsonSerializer.Deserialize<NoticeId>(message, WorkflowJson.Options) is { Recipient.Length: > 0, Key.Length: > 0 } id ? id : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
