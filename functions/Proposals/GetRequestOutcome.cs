using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Workflows.Storage;

namespace Replies.Functions.Proposals;

/// <summary>GET /api/proposals/{id}/requests/{requestId}: what became of a decision answered 202.</summary>
internal static class GetRequestOutcome
{
    public static void Map(IEndpointRouteBuilder api) => api.MapGet("proposals/{id}/requests/{requestId}", RunAsync)
        .WithName(nameof(GetRequestOutcome)).WithSummary("查询操作结果").WithTags("proposals").RequireAuthorization(Policies.SignedIn);

    private static async Task<IResult> RunAsync(string id, string requestId, HttpContext http, Decisions decisions, ProposalStore store, CancellationToken cancellationToken)
    {
        var user = http.Person()!;
        var (snapshot, problem) = await decisions.LoadAsync(user, id, cancellationToken);
        if (snapshot is null)
        {
            return problem!;
        }

        // Request ids carry the person they belong to when they come from an idempotency key; others are random.
        if (requestId.Length > 200 || requestId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            return Problems.NotFound("未找到该操作。");
        }

        var outcome = await store.GetOutcomeAsync(id, requestId, cancellationToken);
        return outcome is null
            ? TypedResults.Accepted((string?)null, new { requestId, status = "处理中" })
            : await decisions.AnswerAsync(id, outcome, cancellationToken);
    }
}
