using Azure;
using Azure.Data.Tables;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Workflows.ReadModel;

/// <summary>
/// Writes a transition's rows into the list tables, each in the partition its query reads: the session (clerk's list,
/// ledger), every handling department (inbox, approvals), every proposer (my items), the open queue (deadline board,
/// clerk queues, pending requests) and the published queue (public replies, newest first). A row that leaves a
/// partition read through the instance cache is marked gone rather than deleted, so that readers catching up by
/// time see it leave; <see cref="GonePurge"/> deletes it later. Rows of those partitions are written together with the
/// partition's <see cref="PartitionVersion"/>, in the same request.
/// </summary>
public static class ListWriter
{
    /// <summary>The open queue's partition.</summary>
    public const string OpenPartition = "open";

    /// <summary>The published queue's partition.</summary>
    public const string PublishedPartition = "published";

    /// <summary>The writes of one transition (idempotent: each is an upsert of rows the snapshot determines).</summary>
    public static IEnumerable<Task> Writes(ReplyStorage storage, ProposalSnapshot? previous, ProposalSnapshot current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(current);
        var row = ItemRow.Of(current);
        yield return PartitionVersion.UpsertAsync(storage.ItemsBySession, row.ToEntity(current.Session), cancellationToken);

        var departments = Departments(current);
        foreach (var (department, part) in departments)
        {
            yield return PartitionVersion.UpsertAsync(storage.ItemsByDepartment, (row with { Part = part }).ToEntity(department), cancellationToken);
        }

        foreach (var (department, part) in previous is null ? [] : Departments(previous))
        {
            if (!departments.ContainsKey(department))
            {
                yield return PartitionVersion.UpsertAsync(storage.ItemsByDepartment, (row with { Part = part, Gone = true }).ToEntity(department), cancellationToken);
            }
        }

        // A person's partition holds only what the item is to them (their part and its session): it changes with a
        // co-signer's answer or a merge, not with every step, and the items themselves are read from their sessions.
        var people = People(current);
        var before = previous is null ? [] : People(previous);
        foreach (var (person, part) in people.Where(p => !before.TryGetValue(p.Key, out var was) || was != p.Value))
        {
            yield return Upsert(storage.ItemsByPerson, MembershipEntity(person, current, part), cancellationToken);
        }

        foreach (var person in before.Keys.Except(people.Keys))
        {
            yield return Delete(storage.ItemsByPerson, person, current.ProposalId, cancellationToken);
        }

        if (!current.IsFinal || (previous is not null && !previous.IsFinal))
        {
            yield return PartitionVersion.UpsertAsync(storage.ItemsByQueue, (row with { Gone = current.IsFinal }).ToEntity(OpenPartition), cancellationToken);
        }

        var published = PublishedKey(current);
        var wasPublished = previous is null ? null : PublishedKey(previous);
        if (published is not null)
        {
            var entity = row.ToEntity(PublishedPartition);
            entity.RowKey = published;
            entity["ProposalId"] = current.ProposalId;
            yield return Upsert(storage.ItemsByQueue, entity, cancellationToken);
        }

        if (wasPublished is not null && wasPublished != published)
        {
            yield return Delete(storage.ItemsByQueue, PublishedPartition, wasPublished, cancellationToken);
        }
    }

    /// <summary>A person's row of an item: their part and the item's session.</summary>
    public static TableEntity MembershipEntity(string personId, ProposalSnapshot s, string part) => new(personId, s.ProposalId)
    {
        ["Session"] = s.Session,
        ["Part"] = part,
    };

    /// <summary>The row key of an item in the published queue: newest letter first.</summary>
    public static string? PublishedKey(ProposalSnapshot s) =>
        s.Letters.Count > 0 && Letters.Publication.IsPublished(s.Disclosure)
            ? $"{DateTime.MaxValue.Ticks - s.Letters[^1].IssuedAt.Ticks:D19}|{s.ProposalId}"
            : null;

    /// <summary>The departments that handle an item and their part (lead or co).</summary>
    public static Dictionary<string, string> Departments(ProposalSnapshot s)
    {
        var list = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var co in s.CoHandlers)
        {
            list[co] = "co";
        }

        if (s.LeadDepartment is { } lead)
        {
            list[lead] = "lead";
        }

        return list;
    }

    /// <summary>The people an item belongs to and their part: 领衔, 联名, 待确认联名 or 并案.</summary>
    public static Dictionary<string, string> People(ProposalSnapshot s)
    {
        var list = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in s.MergedProposers)
        {
            list[p.PersonId] = "并案";
        }

        foreach (var p in s.PendingCoSigners)
        {
            list[p.PersonId] = "待确认联名";
        }

        foreach (var p in s.CoSigners)
        {
            list[p.PersonId] = "联名";
        }

        list[s.Proposer.PersonId] = "领衔";
        return list;
    }

    private static Task Upsert(TableClient table, TableEntity entity, CancellationToken cancellationToken) =>
        table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);

    private static async Task Delete(TableClient table, string partition, string row, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partition, row, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }
}
