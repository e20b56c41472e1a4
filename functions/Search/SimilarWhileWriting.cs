using Microsoft.AspNetCore.Mvc;
using Replies.Workflows.Search;
using Replies.Workflows.Storage;

namespace Replies.Functions.Search;

/// <summary>
/// POST /api/similar: while a deputy or member writes, published replies and their own earlier items on the same
/// matter. Only what the writer may see: the public index, and their own items.
/// </summary>
public sealed class SimilarWhileWriting(SharedIndexReader indexer)
{
    public sealed record Request(string? Title, string? Body);

    [Function(nameof(SimilarWhileWriting))]
    [Authorize(Policy = Policies.Proposer)]
    [EndpointSummary("撰写时的相似答复")]
    [Tags("search")]
    [RequestBody(typeof(Request))]
    [ProducesResponseType<IReadOnlyList<SearchResult>>(StatusCodes.Status200OK)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/similar")] HttpRequest http, CancellationToken cancellationToken)
    {
        var (request, problem) = await RequestBody.ReadAsync<Request>(http, cancellationToken);
        if (request is null)
        {
            return problem!;
        }

        var query = $"{request.Title}\n{request.Title}\n{request.Body}".Trim();
        if (query.Length < 4)
        {
            return Problems.Field("title", "请先填写标题或正文。");
        }

        var me = http.HttpContext.Person()!;
        await indexer.ReadyAsync(cancellationToken);
        var published = indexer.Public.Search(query, [SearchKind.Reply], 5);
        var mine = indexer.Internal.Search(query, [SearchKind.Proposal], 5, h => SearchVisibility.IsProposer(me, h));
        return CommandResult.Ok(published.Concat(mine).OrderByDescending(h => h.Score).DistinctBy(h => h.ProposalId ?? h.Id).Select(h => SearchResult.Of(h)).ToList());
    }
}
