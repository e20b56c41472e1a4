using Microsoft.AspNetCore.Mvc;
using Replies.Functions.Decisions;
using Replies.Workflows.Search;
using Replies.Workflows.Storage;

namespace Replies.Functions.Search;

/// <summary>
/// GET /api/proposals/{id}/drafting-help: beside the draft, the passages of the policy library and of earlier
/// replies that bear most on the proposal, each with its source, ready to insert.
/// </summary>
public sealed class DraftingHelp(DecisionPipeline decisions, ProposalStore store, DraftStore drafts, SharedIndexReader indexer)
{
    [Function(nameof(DraftingHelp))]
    [Authorize(Policy = Policies.Officials)]
    [EndpointSummary("拟稿参考：政策文件和以往答复的相关段落")]
    [Tags("search")]
    [ProducesResponseType<DraftingHelpView.Help>(StatusCodes.Status200OK)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/proposals/{id}/drafting-help")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var user = request.HttpContext.Person()!;
        var (snapshot, problem) = await decisions.LoadWorkingPapersAsync(user, id, cancellationToken);
        if (snapshot is null)
        {
            return problem!;
        }

        var (top, topProblem) = request.Int("top", 1, 50);
        return topProblem ?? CommandResult.Ok(await DraftingHelpView.BuildAsync(user, snapshot, top ?? 8, store, drafts, indexer, cancellationToken));
    }
}
