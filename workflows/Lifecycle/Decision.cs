using System.Text.Json.Nodes;
using Replies.Workflows.Fields;
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

    /// <summary>
    /// The last segment of its address in the API (<c>POST api/proposals/{id}/{Segment}</c>), or null for an action
    /// with a function of its own (saving a draft, the co-handling opinion).
    /// </summary>
    public string? Segment { get; init; }

    /// <summary>What the API reference calls it, and the group it is listed under.</summary>
    public (string Summary, string Tag) Reference { get; init; }

    /// <summary>The roles that may ever give it: anyone else is refused before the item is read (403).</summary>
    public IReadOnlyList<Role> Roles { get; init; } = [];

    /// <summary>The fields of its request, in the order they are read and shown.</summary>
    public IReadOnlyList<Field> Fields { get; init; } = [];

    /// <summary>What its form says about the item before its fields (the request being decided on), or null.</summary>
    public Func<ProposalSnapshot, string?>? Note { get; init; }

    /// <summary>
    /// Reads and checks the request's fields (<see cref="Fields"/>), adding what is wrong to <paramref name="errors"/>,
    /// and says how the event is made from who gives it and the request's id: null when anything is wrong.
    /// </summary>
    public async ValueTask<Func<Actor, string, ProposalAction>?> ReadAsync(string proposalId, JsonObject request, FieldErrors errors, IFieldLookups lookups, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        var reading = new FieldReading(proposalId, errors, lookups, cancellationToken);
        foreach (var field in Fields)
        {
            var value = field.When is { } when && !when(reading.Values) ? null : await field.ReadAsync(FieldReading.Find(request, field.Name), reading);
            reading.Values.Set(field.Name, value);
        }

        return errors.Any ? null : MakeFrom(reading.Values);
    }

    /// <summary>How the event is made from the values read.</summary>
    protected abstract Func<Actor, string, ProposalAction> MakeFrom(FieldValues values);
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

    /// <summary>Makes the event from who gives it, the request's id and the values of its fields.</summary>
    public Func<Actor, string, FieldValues, TEvent>? Make { get; init; }

    protected override Func<Actor, string, ProposalAction> MakeFrom(FieldValues values) =>
        Make is { } make ? (actor, requestId) => make(actor, requestId, values) : throw new InvalidOperationException($"{Name} is not given through the API.");
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

    protected override Func<Actor, string, ProposalAction> MakeFrom(FieldValues values) =>
        throw new InvalidOperationException($"{Name} sends no event.");
}

/// <summary>A problem of one field of a decision's content.</summary>
public sealed record FieldProblem(string Field, string Message);
