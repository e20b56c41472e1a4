using Replies.Workflows.Lifecycle;
using Replies.Workflows.ReadModel;

namespace Replies.Functions.Views;

/// <summary>Published replies (全文公开 or 摘要公开) as the public sees them, without contact details.</summary>
public static class PublishedRepliesView
{
    public sealed record PublishedSummary(string Id, string Title, string KindLabel, string Session, string Proposer, string? Department, DateTime? RepliedAt, string? LetterNumber, string? Snippet = null);

    /// <summary>
    /// Published replies: newest first from the published queue, or with a query the best matches of the public index
    /// (which holds published replies only) with their highlighted passages. The API and the public page show the same.
    /// </summary>
    public static async Task<IReadOnlyList<PublishedSummary>> FindAsync(string? q, string? session, ItemLists lists, Workflows.Search.SharedIndexReader indexer, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            var all = new List<PublishedSummary>();
            await foreach (var row in lists.PublishedAsync(session, cancellationToken))
            {
                all.Add(Of(row));
            }

            return all;
        }

        await indexer.ReadyAsync(cancellationToken);
        var hits = indexer.Public.Search(q, [Workflows.Search.SearchKind.Reply], 200, h => session is null || h.Session == session);
        // What the index holds may lag a moment behind storage: each hit is shown as it stands, and only while published.
        var rows = await Task.WhenAll(hits.Select(h => h.Session is { } s && h.ProposalId is { } id ? lists.ItemAsync(s, id, cancellationToken) : Task.FromResult<ItemRow?>(null)));
        return [.. hits.Zip(rows).Where(x => x.Second is { IsPublished: true }).Select(x => Of(x.Second!, x.First.Snippet))];
    }

    public static PublishedSummary Of(ItemRow s, string? snippet = null) =>
        new(s.ProposalId, s.Title, Labels.Noun(s.Kind), s.Session, s.ProposerName, s.LeadDepartment, s.LetterIssuedAt, s.LetterNumber, snippet);

    public static PublishedSummary Of(ProposalSnapshot s) => Of(ItemRow.Of(s));
}
