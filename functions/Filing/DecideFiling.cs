using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Replies.Functions.Decisions;
using Replies.Functions.Http;
using Replies.Functions.Identity;
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
public sealed class DecideFiling(DecisionPipeline decisions, ProposalStore store) : IItemCommand
{
    [Function(nameof(DecideFiling))]
    [Authorize(Policy = Policies.Clerk)]
    [EndpointSummary("立案审查：立案、并案或不予立案")]
    [Tags("filing")]
    [RequestBody(typeof(Request))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/filing")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        ApiCommand.RunAsync<Request>(request, client, (caller, body) => HandleAsync(caller, id, body, cancellationToken), cancellationToken);

    public Decision Decision => DecisionCatalog.Filing;

    public Type Fields => typeof(DecideFilingFields);

    public Task<CommandResult> GiveAsync(Caller caller, string id, ActionInput input, CancellationToken cancellationToken) =>
        HandleAsync(caller, id, new(input.Decision, input.MergeInto, input.Reason, input.Asks.Count > 0 ? input.Asks : null), cancellationToken);

    public sealed record Request(FilingDecision? Decision, string? MergeInto, string? Reason, IReadOnlyList<string>? Asks = null);

    public async Task<CommandResult> HandleAsync(Caller caller, string id, Request request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var decision = errors.Required("decision", request.Decision, "审查结论");
        var reason = errors.Optional("reason", request.Reason, "理由", 500);
        var target = request.MergeInto?.Trim();
        // A missing target or reason is the descriptor's check (DecisionCatalog.Filing); these need storage.
        if (decision == FilingDecision.Merge && !string.IsNullOrEmpty(target))
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

        // The clerk may correct how the asks were split; the same list again changes nothing.
        var asks = decision == FilingDecision.File ? AskInput.Check(errors, request.Asks) : null;
        if (asks is not null && !errors.Any && ProposalIds.IsWellFormed(id) && await store.GetTextAsync(id, cancellationToken) is { } text
            && Workflows.Coverage.ProposalAsks.Of(text).SequenceEqual(asks, StringComparer.Ordinal))
        {
            asks = null;
        }

        return errors.Any
            ? Problems.Validation(errors)
            : await decisions.SendAsync(caller, id, DecisionCatalog.Filing, (actor, rid) => new FilingDecided(rid, actor, decision, decision == FilingDecision.Merge ? target : null, reason) { Asks = asks }, cancellationToken);
    }
}
