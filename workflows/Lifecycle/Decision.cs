using Replies.Workflows.Rules;

namespace Replies.Workflows.Lifecycle;

/// <summary>
/// One kind of decision a person gives on an item: its name (the page's and the action lists'), its label and verb, who
/// may give it, in which stages, what else the item's state must allow now, and the checks of its content. The API, the
/// item page, the action lists and the orchestration's guard all ask the same descriptor (<see cref="DecisionCatalog"/>),
/// so no rule and no refusal is written twice.
/// </summary>
public abstract class Decision(
    string name,
    string label,
    string verb,
    IReadOnlyList<ProposalStage> stages,
    Func<Actor, ProposalSnapshot, bool> isAllowed,
    string notAllowed,
    Func<Actor, ProposalSnapshot, string?>? blocked)
{
    /// <summary>The name pages and action lists use (<c>signFor</c>, <c>approve</c> …).</summary>
    public string Name => name;

    /// <summary>What the action is called on its button (签收).</summary>
    public string Label => label;

    /// <summary>The verb of a refusal: 不能{Verb}.</summary>
    public string Verb => verb;

    /// <summary>The stages the decision can be given in.</summary>
    public IReadOnlyList<ProposalStage> Stages => stages;

    /// <summary>What a person who may not give it is told (403 in the API).</summary>
    public string NotAllowed => notAllowed;

    /// <summary>The orchestration's event, or null for an action that sends none (saving a draft).</summary>
    public abstract string? EventName { get; }

    public bool IsAllowed(Actor actor, ProposalSnapshot snapshot) => isAllowed(actor, snapshot);

    /// <summary>Why the item's state does not let the person give it now (its stage, or the decision's own condition), or null.</summary>
    public string? NotNow(Actor actor, ProposalSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return stages.Contains(snapshot.Stage)
            ? blocked?.Invoke(actor, snapshot)
            : $"本件当前处于「{Labels.Of(snapshot.Stage)}」阶段，不能{verb}。";
    }

    public bool IsOpen(Actor actor, ProposalSnapshot snapshot) => NotNow(actor, snapshot) is null;

    /// <summary>What is wrong with a decision's content under the office's rules (none for an action that sends none).</summary>
    public abstract IReadOnlyList<FieldProblem> ProblemsOf(ProposalAction action, RulesProfile rules);

    /// <summary>Has the orchestration's inbox wait for the decision's event (nothing for an action that sends none).</summary>
    internal abstract void WatchIn(EventInbox inbox);

    /// <summary>Why the person may not give it on the item now, or null when they may.</summary>
    public Refusal? Check(Actor actor, ProposalSnapshot snapshot) =>
        !IsAllowed(actor, snapshot) ? new Refusal(false, notAllowed)
        : NotNow(actor, snapshot) is { } why ? new Refusal(true, why)
        : null;
}

/// <summary>A decision sent to the orchestration as <typeparamref name="TEvent"/>, with the checks of its content.</summary>
public sealed class Decision<TEvent>(
    string name,
    string label,
    string verb,
    IReadOnlyList<ProposalStage> stages,
    Func<Actor, ProposalSnapshot, bool> isAllowed,
    string notAllowed,
    Func<Actor, ProposalSnapshot, string?>? blocked = null,
    Func<TEvent, RulesProfile, IEnumerable<FieldProblem>>? content = null)
    : Decision(name, label, verb, stages, isAllowed, notAllowed, blocked)
    where TEvent : ProposalAction
{
    public override string EventName => typeof(TEvent).Name;

    /// <summary>
    /// What is wrong with the decision's content under the office's rules, whatever the item's state: the API answers them as field errors
    /// before sending, and the orchestration refuses a decision that has any (one sent past the API).
    /// </summary>
    public IReadOnlyList<FieldProblem> ProblemsOf(TEvent decision, RulesProfile rules) => content is null ? [] : [.. content(decision, rules)];

    public override IReadOnlyList<FieldProblem> ProblemsOf(ProposalAction action, RulesProfile rules) =>
        action is TEvent decision ? ProblemsOf(decision, rules) : throw new ArgumentException($"{Name} takes {EventName}, not {action?.EventName}.", nameof(action));

    internal override void WatchIn(EventInbox inbox) => inbox.Watch<TEvent>();
}

/// <summary>An action that sends no event (saving a draft): who may take it and when, nothing else.</summary>
public sealed class LocalAction(
    string name,
    string label,
    string verb,
    IReadOnlyList<ProposalStage> stages,
    Func<Actor, ProposalSnapshot, bool> isAllowed,
    string notAllowed)
    : Decision(name, label, verb, stages, isAllowed, notAllowed, null)
{
    public override string? EventName => null;

    public override IReadOnlyList<FieldProblem> ProblemsOf(ProposalAction action, RulesProfile rules) => [];

    internal override void WatchIn(EventInbox inbox)
    {
    }
}

/// <summary>A problem of one field of a decision's content.</summary>
public sealed record FieldProblem(string Field, string Message);
