using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Replies.Functions.Decisions;
using Replies.Functions.Proposals;
using Replies.Functions.Web;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Functions.Filing;

/// <summary>
/// POST /api/proposals/{id}/filing: the clerk office files the item (立案), merges it into another (并案, naming the
/// item) or declines it (不予立案, with the reason).
/// The item page's form gives the same command (<see cref="IItemCommand"/>).
/// </summary>
public sealed class DecideFiling(DecisionPipeline decisions, ProposalStore store) : DecisionFunction<DecideFiling.Request, FilingDecided>(decisions, DecisionCatalog.Filing)
{
    [Function(nameof(DecideFiling))]
    [Authorize(Policy = Policies.Clerk)]
    [EndpointSummary("立案审查：立案、并案或不予立案")]
    [Tags("filing")]
    [RequestBody(typeof(Request))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/filing")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        AnswerAsync(request, id, client, cancellationToken);

    public override Type Fields => typeof(DecideFilingFields);

    protected override Request FromForm(ActionInput input) => new(input.Decision, input.MergeInto, input.Reason, input.Asks.Count > 0 ? input.Asks : null);

    public sealed record Request(FilingDecision? Decision, string? MergeInto, string? Reason, IReadOnlyList<string>? Asks = null);

    protected override Func<Actor, string, FilingDecided> Check(Request request, FieldErrors errors)
    {
        var decision = errors.Required("decision", request.Decision, "审查结论");
        var reason = errors.Optional("reason", request.Reason, "理由", 500);
        var target = decision == FilingDecision.Merge ? request.MergeInto?.Trim() : null;
        // The clerk may correct how the asks were split.
        var asks = decision == FilingDecision.File ? AskInput.Check(errors, request.Asks) : null;
        return (actor, rid) => new FilingDecided(rid, actor, decision, target, reason) { Asks = asks };
    }

    // A missing target or reason is the descriptor's check (DecisionCatalog.Filing); these need storage.
    protected override async ValueTask<Func<Actor, string, FilingDecided>> CheckAsync(string id, Request request, FieldErrors errors, CancellationToken cancellationToken)
    {
        var make = Check(request, errors);
        var target = request.MergeInto?.Trim();
        if (request.Decision == FilingDecision.Merge && !string.IsNullOrEmpty(target))
        {
            if (target == id)
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

        // The same list of asks again changes nothing (compared as Check cleaned them; its errors are in already).
        if (request.Decision == FilingDecision.File && !errors.Any && AskInput.Check(new FieldErrors(), request.Asks) is { } asks
            && ProposalIds.IsWellFormed(id) && await store.GetTextAsync(id, cancellationToken) is { } text
            && Workflows.Coverage.ProposalAsks.Of(text).SequenceEqual(asks, StringComparer.Ordinal))
        {
            return (actor, rid) => make(actor, rid) with { Asks = null };
        }

        return make;
    }
}
