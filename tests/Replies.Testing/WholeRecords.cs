using Azure.Data.Tables;
using Replies.Workflows;
using Replies.Workflows.ReadModel;
using Replies.Workflows.Storage;

namespace Replies.Testing;

/// <summary>
/// What a run that closed every item must leave, read straight from storage: each item closed with its audit
/// gapless and no action twice, its list rows at its status, one draft, one letter and its one blob; every number
/// scope gapless (each key one number, 1 to the counter); no notice written twice. The long fault and crash runs hold
/// their storage to it.
/// </summary>
public static class WholeRecords
{
    /// <summary>Everything that does not hold, one line each (empty when all is whole).</summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(ReplyStorage storage, IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(ids);
        var problems = new List<string>();
        var store = new ProposalStore(storage);
        var drafts = new DraftStore(storage, TimeProvider.System);
        var letterNumbers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (await store.GetAsync(id, cancellationToken) is not { } s)
            {
                problems.Add($"{id}: no status");
                continue;
            }

            if (s.Stage != ProposalStage.Closed)
            {
                problems.Add($"{id}: {s.Stage}, not closed");
            }

            var audit = await store.GetAuditAsync(id, cancellationToken);
            if (!audit.Select(a => a.Sequence).SequenceEqual(Enumerable.Range(1, s.Sequence)) || audit.Select(a => a.Action).Distinct().Count() != audit.Count)
            {
                problems.Add($"{id}: audit {string.Join(" / ", audit.Select(a => $"{a.Sequence} {a.Action}"))} for sequence {s.Sequence}");
            }

            foreach (var (name, table, partition) in new[] { ("session", storage.ItemsBySession, s.Session), ("department", storage.ItemsByDepartment, s.LeadDepartment ?? ""), ("queue", storage.ItemsByQueue, ListWriter.OpenPartition) })
            {
                var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, id, cancellationToken: cancellationToken);
                if (!row.HasValue || (row.Value!.GetInt32("Sequence"), row.Value.GetString("Stage")) != (s.Sequence, s.Stage.ToString()))
                {
                    problems.Add($"{id}: {name} list row {(row.HasValue ? $"{row.Value!.GetInt32("Sequence")} {row.Value.GetString("Stage")}" : "missing")}, status {s.Sequence} {s.Stage}");
                }
            }

            var versions = await drafts.ListAsync(id, cancellationToken);
            if (versions.Count != 1)
            {
                problems.Add($"{id}: {versions.Count} draft versions");
            }

            if (s.Letters.Count != 1)
            {
                problems.Add($"{id}: {s.Letters.Count} letters");
                continue;
            }

            var letter = s.Letters[0];
            var blobs = new List<string>();
            await foreach (var blob in storage.Letters.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, id + "/", cancellationToken))
            {
                blobs.Add(blob.Name);
            }

            if (!blobs.SequenceEqual([letter.BlobName]))
            {
                problems.Add($"{id}: letter blobs {string.Join(", ", blobs)}, letter {letter.BlobName}");
            }

            if (!letterNumbers.TryAdd(letter.LetterNumber, id))
            {
                problems.Add($"{id}: letter number {letter.LetterNumber} also given to {letterNumbers[letter.LetterNumber]}");
            }
        }

        problems.AddRange(await NumberGapsAsync(storage, cancellationToken));
        problems.AddRange((await Workflows.Notices.NoticeOutbox.ListAsync(storage, null, cancellationToken))
            .GroupBy(n => (n.Id.Recipient, n.ProposalId, n.Message))
            .Where(g => g.Count() > 1)
            .Select(g => $"notice to {g.Key.Recipient} written {g.Count()} times: {g.Key.Message}"));
        return problems;
    }

    /// <summary>Every number scope (filing numbers per session, letter numbers per prefix and year): its keys hold 1 to its counter, each once.</summary>
    public static async Task<IReadOnlyList<string>> NumberGapsAsync(ReplyStorage storage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var scopes = new Dictionary<string, (int Last, List<int> Numbers)>(StringComparer.Ordinal);
        await foreach (var row in storage.Counters.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            var scope = scopes.TryGetValue(row.PartitionKey, out var known) ? known : (0, []);
            if (row.RowKey == "counter")
            {
                scope.Last = row.GetInt32("Last") ?? 0;
            }
            else if (row.GetInt32("Number") is { } number)
            {
                scope.Numbers.Add(number);
            }

            scopes[row.PartitionKey] = scope;
        }

        return [.. scopes
            .Where(s => !s.Value.Numbers.Order().SequenceEqual(Enumerable.Range(1, s.Value.Last)))
            .Select(s => $"numbers of {s.Key}: counter {s.Value.Last}, given {string.Join(",", s.Value.Numbers.Order())}")];
    }
}
