using Replies.Workflows.Search;

namespace Replies.Functions.Search;

/// <summary>Other items and replies most like one item, for filing (merge a duplicate) and for answering consistently.</summary>
public static class SimilarItems
{
    /// <summary>
    /// Other items and replies most like this one that the person may see, asked by the title and the terms that recur
    /// in the proposal (the API and the item page show the same).
    /// </summary>
    public static IReadOnlyList<SearchHit> Find(Workflows.Directory.DirectoryPerson user, Workflows.Lifecycle.ProposalSnapshot snapshot, string? body, int top, SharedIndexReader indexer)
    {
        var subject = string.Join(' ', KeyTerms.Of($"{snapshot.Title}\n{body}", 10));
        var exclude = new HashSet<string>(StringComparer.Ordinal) { snapshot.ProposalId, SearchIndexer.ReplyId(snapshot.ProposalId) };
        // A matter shows once: its proposal and its reply together count as one item, the better match standing for both.
        var hits = indexer.Internal.Search($"{snapshot.Title}\n{snapshot.Title}\n{subject}\n{body}", [SearchKind.Proposal, SearchKind.Reply], top * 2, h => SearchVisibility.MaySee(user, h), exclude);
        return [.. hits.DistinctBy(h => h.ProposalId ?? h.Id).Take(top)];
    }
}
