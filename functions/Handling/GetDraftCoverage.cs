using Microsoft.AspNetCore.Mvc;
using Replies.Functions.Decisions;

namespace Replies.Functions.Handling;

/// <summary>
/// GET /api/proposals/{id}/drafts/{version}/coverage: for each ask of the proposal, whether the draft answers it, in
/// part, or not, whether the answer is work done, a commitment or a refusal, and the passages that answer it. Advice
/// for the handler and the leader; it never stops a draft.
/// </summary>
public sealed class GetDraftCoverage(DecisionPipeline decisions, DraftCoverageReader coverage)
{
    [Function(nameof(GetDraftCoverage))]
    [Authorize(Policy = Policies.Officials)]
    [EndpointSummary("答复稿逐条对照")]
    [Tags("handling")]
    [ProducesResponseType<DraftCoverageView>(StatusCodes.Status200OK)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/proposals/{id}/drafts/{version:int}/coverage")] HttpRequest request, string id, int version, CancellationToken cancellationToken)
    {
        var user = request.HttpContext.Person()!;
        var (snapshot, problem) = await decisions.LoadWorkingPapersAsync(user, id, cancellationToken);
        if (snapshot is null)
        {
            return problem!;
        }

        var result = await coverage.ReadAsync(snapshot, version, cancellationToken);
        return result is null ? Problems.NotFound("未找到该版本的答复稿。") : CommandResult.Ok(result);
    }
}
