using Replies.Functions.Http;
using Replies.Functions.Proposals;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Functions.Filing;

/// <summary>The command behind <see cref="DecideFiling"/>; the API and the item page give it alike.</summary>
public sealed class DecideFilingCommand(Decisions decisions, ProposalStore store)
{
    public sealed record Request(FilingDecision? Decision, string? MergeInto, string? Reason, IReadOnlyList<string>? Asks = null);

    public async Task<CommandResult> HandleAsync(Caller caller, string id, Request request, CancellationToken cancellationToken)
    {
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

        // The clerk may correct how the asks were split; the same list again changes nothing.
        var asks = decision == FilingDecision.File ? AskInput.Check(errors, request.Asks) : null;
        if (asks is not null && !errors.Any && ProposalIds.IsWellFormed(id) && await store.GetTextAsync(id, cancellationToken) is { } text
            && Workflows.Coverage.ProposalAsks.Of(text).SequenceEqual(asks, StringComparer.Ordinal))
        {
            asks = null;
        }

        return errors.Any
            ? Problems.Validation(errors)
            : await decisions.SendAsync(caller, id, "filing", (actor, rid) => new FilingDecided(rid, actor, decision, decision == FilingDecision.Merge ? target : null, reason) { Asks = asks }, cancellationToken);
    }
}
