using Azure.Data.Tables;
using Replies.Workflows.Directory;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Notices;

namespace Replies.Workflows.Storage;

/// <summary>
/// The notices of the outbox as a person reads them in the app (消息): their own, their department's and, for the
/// clerk office, the office's; each marked read once that person opened it. A department's notice is read or unread
/// for each of its people apart.
/// </summary>
public sealed class NoticeStore(ReplyStorage storage)
{
    /// <summary>The outbox partitions a person reads.</summary>
    public static IReadOnlyList<string> RecipientsOf(DirectoryPerson person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var keys = new List<string> { Recipients.Person(person.PersonId) };
        if (person.IsDepartmentStaff)
        {
            keys.Add(Recipients.Department(person.DepartmentId!));
        }

        if (person.Role == Role.Clerk)
        {
            keys.Add(Recipients.ClerkOffice);
        }

        return keys;
    }

    /// <summary>The person's notices, unread first, then newest first.</summary>
    public async Task<IReadOnlyList<Notice>> ForAsync(DirectoryPerson person, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var reads = ReadsAsync(person.PersonId, cancellationToken);
        var rows = await Task.WhenAll(RecipientsOf(person).Select(r => NoticeOutbox.ListAsync(storage, r, cancellationToken)));
        var read = await reads;
        return [.. rows.SelectMany(r => r)
            .Select(n => Of(n, read.Contains(ReadKey(n.Id.Recipient, n.Id.Key))))
            .OrderBy(n => n.Read).ThenByDescending(n => n.At).ThenBy(n => n.Key, StringComparer.Ordinal)];
    }

    /// <summary>How many of the person's notices they have not opened.</summary>
    public async Task<int> UnreadCountAsync(DirectoryPerson person, CancellationToken cancellationToken = default) =>
        (await ForAsync(person, cancellationToken)).Count(n => !n.Read);

    /// <summary>Marks a notice opened by the person (once; opening again changes nothing).</summary>
    public async Task MarkReadAsync(string personId, string recipient, string key, DateTime at, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        await storage.NoticeReads.UpsertEntityAsync(new TableEntity(personId, ReadKey(recipient, key)) { ["At"] = at }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>One notice of the outbox, if it exists.</summary>
    public async Task<Notice?> GetAsync(string recipient, string key, CancellationToken cancellationToken = default)
    {
        var notice = await NoticeOutbox.GetAsync(storage, new NoticeId(recipient, key), cancellationToken);
        return notice is null ? null : Of(notice, read: false);
    }

    private static Notice Of(OutboxNotice n, bool read) => new(n.Id.Recipient, n.Id.Key, n.ProposalId, n.Kind, n.Message, n.CreatedAt, read);

    private async Task<HashSet<string>> ReadsAsync(string personId, CancellationToken cancellationToken) =>
        [.. (await PartitionRows.ReadAsync(storage.NoticeReads, personId, cancellationToken)).Select(e => e.RowKey)];

    private static string ReadKey(string recipient, string key) => $"{recipient}|{key}";
}

/// <summary>A notice as a person sees it.</summary>
public sealed record Notice(string Recipient, string Key, string ProposalId, NotificationKind Kind, string Message, DateTime At, bool Read);
