using Replies.Functions.Http;
using Replies.Workflows;
using Replies.Workflows.Letters;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Functions.Views;

/// <summary>Published replies (全文公开 or 摘要公开) as the public sees them, without contact details.</summary>
public static class PublishedRepliesView
{
    public sealed record PublishedSummary(string Id, string Title, string KindLabel, string Session, string Proposer, string? Department, DateTime? RepliedAt, string? LetterNumber, string? Snippet = null);

    /// <summary>
    /// Published replies: newest first, or with a query the best matches of the public index (which holds published
    /// replies only) with their highlighted passages. The API and the public page show the same.
    /// </summary>
    public static IReadOnlyList<PublishedSummary> Find(string? q, string? session, ProposalCatalog catalog, Workflows.Search.SearchIndexer indexer)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return [.. Published(catalog).Where(s => session is null || s.Session == session).OrderByDescending(s => s.RepliedAt).Select(s => Of(s))];
        }

        var hits = indexer.Public.Search(q, [Workflows.Search.SearchKind.Reply], 200, h => session is null || h.Session == session);
        return [.. hits.Select(h => catalog.Get(h.ProposalId!) is { } s && Publication.IsPublished(s.Disclosure) ? Of(s, h.Snippet) : null).OfType<PublishedSummary>()];
    }

    public static IEnumerable<ProposalSnapshot> Published(ProposalCatalog catalog) =>
        catalog.All.Where(s => s.Letters.Count > 0 && Publication.IsPublished(s.Disclosure));

    public static PublishedSummary Of(ProposalSnapshot s, string? snippet = null) =>
        new(s.ProposalId, s.Title, Labels.Noun(s.Kind), s.Session, s.Proposer.Name, s.LeadDepartment, s.Letters[^1].IssuedAt, s.Letters[^1].LetterNumber, snippet);
}
