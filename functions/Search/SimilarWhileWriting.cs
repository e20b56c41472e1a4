using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Workflows.Search;
using Replies.Workflows.Storage;

namespace Replies.Functions.Search;

/// <summary>
/// POST /api/similar: while a deputy or member writes, published replies and their own earlier items on the same
/// matter. Only what the writer may see: the public index, and their own items.
/// </summary>
internal static class SimilarWhileWriting
{
    public sealed record Request(string? Title, string? Body);

    public static void Map(IEndpointRouteBuilder api) => api.MapPost("similar", RunAsync)
        .WithName(nameof(SimilarWhileWriting)).WithSummary("撰写时的相似答复").WithTags("search")
        .Accepts<Request>("application/json").Produces<IReadOnlyList<SearchResult>>().RequireAuthorization(Policies.Proposer);

    private static async Task<IResult> RunAsync(HttpContext http, SearchIndexer indexer, ProposalCatalog catalog, CancellationToken cancellationToken)
    {
        var (request, problem) = await RequestBody.ReadAsync<Request>(http.Request, cancellationToken);
        if (request is null)
        {
            return problem!;
        }

        var query = $"{request.Title}\n{request.Title}\n{request.Body}".Trim();
        if (query.Length < 4)
        {
            return Problems.Field("title", "请先填写标题或正文。");
        }

        var me = http.Person()!;
        var published = indexer.Public.Search(query, [SearchKind.Reply], 5);
        var mine = indexer.Internal.Search(query, [SearchKind.Proposal], 5, h => h.ProposalId is { } id && catalog.Get(id) is { } s && Access.IsProposerOf(me, s));
        return TypedResults.Ok(published.Concat(mine).OrderByDescending(h => h.Score).Select(h => SearchResult.Of(h)).ToList());
    }
}
