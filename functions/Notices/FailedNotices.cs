using Replies.Workflows.Directory;
using Replies.Workflows.Notices;
using Replies.Workflows.Storage;

namespace Replies.Functions.Notices;

/// <summary>The deliveries that failed every attempt, as the clerk office reads them, and a clerk's re-send.</summary>
public sealed class FailedNotices(ReplyStorage storage, DeliveryStore deliveries, DirectoryStore directory)
{
    /// <summary>A failed delivery with what it said and to whom.</summary>
    public sealed record View(string Recipient, string Key, string ProposalId, string Message, string Person, string Channel, string Reason, int Attempts, DateTime FailedAt);

    /// <summary>Every failed delivery, newest first.</summary>
    public async Task<IReadOnlyList<View>> ListAsync(CancellationToken cancellationToken)
    {
        var list = new List<View>();
        foreach (var f in await deliveries.FailedAsync(cancellationToken))
        {
            var notice = await NoticeOutbox.GetAsync(storage, f.Notice, cancellationToken);
            list.Add(new View(
                f.Notice.Recipient,
                f.Notice.Key,
                notice?.ProposalId ?? "",
                notice?.Message ?? "",
                directory.Person(f.PersonId)?.Name ?? f.PersonId,
                f.Channel == NoticeChannel.Mail ? "邮件" : "短信",
                f.LastError,
                f.Attempts,
                f.FailedAt));
        }

        return list;
    }

    /// <summary>Sends a notice's failed deliveries again (a fresh round of attempts); false when none of it failed.</summary>
    public async Task<bool> ResendAsync(NoticeId notice, CancellationToken cancellationToken)
    {
        if (!await deliveries.ReopenAsync(notice, cancellationToken))
        {
            return false;
        }

        await storage.Notices.SendMessageAsync(notice.ToMessage(), cancellationToken);
        return true;
    }
}
