using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Functions.Proposals;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Functions.Filing;

/// <summary>
/// POST /api/proposals/{id}/filing: the clerk office files the item (立案), merges it into another (并案, naming the
/// item) or declines it (不予立案, with the reason).
/// </summary>
internal static class DecideFiling
{
    public sealed record Request(FilingDecision? Decision, string? MergeInto, string? Reason);

    public static void Map(IEndpointRouteBuilder api) => api.MapPost("proposals/{id}/filing", RunAsync)
        .WithName(nameof(DecideFiling)).WithSummary("立案审查：立案、并案或不予立案").WithTags("filing")
        .Accepts<Request>("application/json").RequireAuthorization(Policies.Clerk);

    private static async Task<IResult> RunAsync(string id, HttpContext http, CancellationToken cancellationToken)
    {
        var (request, problem) = await RequestBody.ReadAsync<Request>(http.Request, cancellationToken);
        return request is null ? problem! : await ActAsync(id, http, request, cancellationToken);
    }

    /// <summary>Validates the request and sends the decision; the API and the pages both come here.</summary>
    internal static async Task<IResult> ActAsync(string id, HttpContext http, Request request, CancellationToken cancellationToken)
    {
        var decisions = http.RequestServices.GetRequiredService<Decisions>();
        var store = http.RequestServices.GetRequiredService<ProposalStore>();

        var errors = new FieldErrors();
        var decision = errors.Required("decision", request.Decision, "审查结论");
        var reason = errors.Optional("reason", request.Reason, "理由", 500);
        var target = request.MergeInto?.Trim();
        if (decision == FilingDecision.Merge)
        {
            if (string.IsNullOrEmpty(target))
            {
                errors.Add("mergeInto", "并案须指定另一件建议或提案。");
            }
            else if (target == id)
            {
                errors.Add("mergeInto", "不能并入本件自身。");
            }
            else if (!ProposalIds.IsWellFormed(target) || await store.GetAsync(target, cancellationToken) is not { } into)
            {
                errors.Add("mergeInto", "未找到要并入的建议或提案。");
            }
            else if (into.IsFinal)
            {
                errors.Add("mergeInto", "要并入的建议或提案已办结或已并案。");
            }
        }

        if (decision == FilingDecision.Decline && reason is null)
        {
            errors.Add("reason", "不予立案须说明理由。");
        }

        return errors.Any
            ? Problems.Validation(errors)
            : await decisions.SendAsync(http, id, "filing", (actor, rid) => new FilingDecided(rid, actor, decision, decision == FilingDecision.Merge ? target : null, reason), cancellationToken);
    }
}
