using Azure.Data.Tables;
using Replies.Workflows.Lifecycle;

namespace Replies.Workflows.Storage;

/// <summary>
/// The transitions stored in a span of time, read from the change feed (one partition per UTC minute), for what
/// follows every item's changes: the search indexer.
/// </summary>
public sealed class ChangeFeed(ReplyStorage storage)
{
    /// <summary>
    /// Transitions are stamped with the writer's clock (a durable orchestration's time) and may be committed a moment
    /// later, so a reader looks back this far before the last point it read up to.
    /// </summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(2);

    /// <summary>The prefix of a library document's id in the change feed.</summary>
    public const string LibraryPrefix = "library:";

    /// <summary>The change-feed row of a library document stored at <paramref name="at"/>.</summary>
    public static TableEntity LibraryEntity(string documentId, DateTime at) =>
        new(Partition(at), $"{at.Ticks:D19}|{LibraryPrefix}{documentId}")
        {
            ["ProposalId"] = LibraryPrefix + documentId,
            ["Sequence"] = 1,
        };

    /// <summary>The newest sequence of each item (or library document, <see cref="LibraryPrefix"/>) changed between <paramref name="from"/> and <paramref name="to"/> (UTC).</summary>
    public async Task<IReadOnlyDictionary<string, int>> ChangedAsync(DateTime from, DateTime to, CancellationToken cancellationToken = default)
    {
        var changed = new Dictionary<string, int>(StringComparer.Ordinal);
        var first = new DateTime(from.Year, from.Month, from.Day, from.Hour, from.Minute, 0, DateTimeKind.Utc);
        for (var minute = first; minute <= to; minute = minute.AddMinutes(1))
        {
            var partition = Partition(minute);
            await foreach (var row in storage.Changes.QueryAsync<TableEntity>(r => r.PartitionKey == partition, select: ["ProposalId", "Sequence"], cancellationToken: cancellationToken))
            {
                var id = row.GetString("ProposalId")!;
                var sequence = row.GetInt32("Sequence") ?? 0;
                if (!changed.TryGetValue(id, out var seen) || seen < sequence)
                {
                    changed[id] = sequence;
                }
            }
        }

        return changed;
    }

    /// <summary>Every item's latest snapshot, read from the status table (a full rebuild).</summary>
    public async IAsyncEnumerable<ProposalSnapshot> AllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var row in storage.Status.QueryAsync<TableEntity>($"RowKey eq '{StatusRows.Status}'", select: ["Snapshot"], cancellationToken: cancellationToken))
        {
            yield return StatusRows.Snapshot(row);
        }
    }

    /// <summary>The change-feed row of a transition, keyed by its own time, so a repeated write lands on the same row.</summary>
    internal static TableEntity TransitionEntity(ProposalSnapshot s) =>
        new(Partition(s.UpdatedAt), $"{s.UpdatedAt.Ticks:D19}|{s.ProposalId}|{s.Sequence:D6}")
        {
            ["ProposalId"] = s.ProposalId,
            ["Sequence"] = s.Sequence,
        };

    // One partition per UTC minute.
    private static string Partition(DateTime utc) => utc.ToString("yyyyMMddHHmm", System.Globalization.CultureInfo.InvariantCulture);
}
