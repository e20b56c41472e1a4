using Replies.Functions.Decisions;
using Replies.Workflows.Storage;

namespace Replies.Functions.Proposals;

/// <summary>GET /api/proposals/{id}/requests/{requestId}: what became of a decision answered 202.</summary>
public sealed class GetRequestOutcome(DecisionPipeline decisions, DecisionLedger ledger)
{
    [Function(nameof(GetRequestOutcome))]
    [Authorize(Policy = Policies.SignedIn)]
    [EndpointSummary("查询操作结果")]
    [Tags("proposals")]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/proposals/{id}/requests/{requestId}")] HttpRequest request, string id, string requestId, CancellationToken cancellationToken)
    {
        var (snapshot, problem) = await decisions.LoadAsync(request.HttpContext.Person()!, id, cancellationToken);
        if (snapshot is null)
        {
            return problem!;
        }

        // Request ids carry the person they belong to when they come from an idempotency key; others are random.
        if (requestId.Length > 200 || requestId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            return Problems.NotFound("未找到该操作。");
        }

        var outcome = await ledger.GetOutcomeAsync(id, requestId, cancellationToken);
        return outcome is null
            ? CommandResult.Accepted(null, new Pending(requestId, "处理中"))
            : await decisions.AnswerAsync(id, outcome, cancellationToken);
    }
}
