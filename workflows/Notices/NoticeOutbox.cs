using System.Text.Json;
using Azure.Data.Tables;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Workflows.Notices;

/// <summary>
/// Writes notices to the outbox (what 消息 shows) and, once a row is stored, puts its id on the notice queue, from
/// which the sender delivers it by mail and SMS. A repeated write (an activity retried) stores the same rows and
/// queues the same ids again: the sender delivers each id once.
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

    private static Task StoreAsync(ReplyStorage storage, NoticeId id, string proposalId, Notification n, DateTime at, CancellationToken cancellationToken) =>
        storage.Outbox.UpsertEntityAsync(
            new TableEntity(id.Recipient, id.Key)
            {
                ["ProposalId"] = proposalId,
                ["Kind"] = n.Kind.ToString(),
                ["Message"] = n.Message,
                ["CreatedAt"] = at,
            },
            TableUpdateMode.Replace,
            cancellationToken);
}

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
