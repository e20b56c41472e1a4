using Microsoft.AspNetCore.Mvc;
using Replies.Functions.Decisions;
using Replies.Workflows.Search;
using Replies.Workflows.Storage;

namespace Replies.Functions.Search;

/// <summary>
/// GET /api/proposals/{id}/similar: the items most like this one (this session and earlier years) and their replies,
/// so a clerk filing it can merge a duplicate (并案) and a repeated matter is answered consistently.
/// </summary>
public sealed class FindSimilar(DecisionPipeline decisions, ProposalStore store, SharedIndexReader indexer)
{
    public sealed record Similar(SearchResult Result, bool SameSession);

    [Function(nameof(FindSimilar))]
    [Authorize(Policy = Policies.Officials)]
    [EndpointSummary("相似的建议提案和答复")]
    [Tags("search")]
    [ProducesResponseType<IReadOnlyList<Similar>>(StatusCodes.Status200OK)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/proposals/{id}/similar")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var user = request.HttpContext.Person()!;
        var (snapshot, problem) = await decisions.LoadAsync(user, id, cancellationToken);
        if (snapshot is null)
        {
            return problem!;
        }

        var (top, topProblem) = request.Int("top", 1, 50);
        if (topProblem is not null)
        {
            return topProblem;
        }

        var text = await store.GetTextAsync(id, cancellationToken);
        await indexer.ReadyAsync(cancellationToken);
        var hits = SimilarItems.Find(user, snapshot, text?.Body, top ?? 10, indexer);
        return CommandResult.Ok(hits.Select(h => new Similar(SearchResult.Of(h, SearchResult.StageLabel(h)), h.ProposalId is not null && h.Session == snapshot.Session)).ToList());
    }
}
