using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Workflows.Search;
using Replies.Workflows.Storage;

namespace Replies.Functions.Search;

/// <summary>
/// GET /api/proposals/{id}/similar: the items most like this one (this session and earlier years) and their replies,
/// so a clerk filing it can merge a duplicate (并案) and a repeated matter is answered consistently.
/// </summary>
public static class FindSimilar
{
    public sealed record Similar(SearchResult Result, bool SameSession);

    internal static void Map(IEndpointRouteBuilder api) => api.MapGet("proposals/{id}/similar", RunAsync)
        .WithName(nameof(FindSimilar)).WithSummary("相似的建议提案和答复").WithTags("search")
        .Produces<IReadOnlyList<Similar>>().RequireAuthorization(Policies.Officials);

    private static async Task<IResult> RunAsync(string id, int? top, HttpContext http, Decisions decisions, ProposalStore store, SearchIndexer indexer, ProposalCatalog catalog, CancellationToken cancellationToken)
    {
        var user = http.Person()!;
        var (snapshot, problem) = await decisions.LoadAsync(user, id, cancellationToken);
        if (snapshot is null)
        {
            return problem!;
        }

        if (top is < 1 or > 50)
        {
            return Problems.Field("top", "须为1至50之间的整数。");
        }

        var text = await store.GetTextAsync(id, cancellationToken);
        var hits = Find(user, snapshot, text?.Body, top ?? 10, indexer, catalog);
        return TypedResults.Ok(hits.Select(h =>
        {
            var other = h.ProposalId is { } pid ? catalog.Get(pid) : null;
            return new Similar(SearchResult.Of(h, other is null ? null : Labels.Of(other.Stage)), other?.Session == snapshot.Session);
        }).ToList());
    }

    /// <summary>
    /// Other items and replies most like this one that the person may see, asked by the title and the terms that recur
    /// in the proposal (the API and the item page show the same).
    /// </summary>
    public static IReadOnlyList<SearchHit> Find(Workflows.Directory.DirectoryPerson user, Workflows.Lifecycle.ProposalSnapshot snapshot, string? body, int top, SearchIndexer indexer, ProposalCatalog catalog)
    {
        var subject = string.Join(' ', KeyTerms.Of($"{snapshot.Title}\n{body}", 10));
        var exclude = new HashSet<string>(StringComparer.Ordinal) { snapshot.ProposalId, SearchIndexer.ReplyId(snapshot.ProposalId) };
        return indexer.Internal.Search($"{snapshot.Title}\n{snapshot.Title}\n{subject}\n{body}", [SearchKind.Proposal, SearchKind.Reply], top, h => SearchAll.MaySee(user, h, catalog), exclude);
    }
}
