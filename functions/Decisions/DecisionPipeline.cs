using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Replies.Functions.Startup;
using Replies.Functions.Views;
using Replies.Workflows.Directory;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Functions.Decisions;

/// <summary>
/// Gives a person's decision to a proposal's orchestration and answers with its outcome, asking the decision's
/// descriptor (<see cref="Decision"/>) at each step: 400 for content its checks refuse, 404 for an item the person may
/// not see, 403 for a decision they may not give, 409 with the current stage when the item's state does not let them
/// now or the orchestration refused it (the reason is its own), 200 when it was taken, 202 with where to look when the
/// outcome is not stored within the wait. An idempotency key makes a retry return the first outcome instead of acting
/// twice.
/// </summary>
public sealed class DecisionPipeline(
    DecisionSender sender,
    ProposalStore store,
    DecisionLookups lookups,
    IOptions<ApiOptions> options,
    IOptions<RulesProfile> rules,
    TimeProvider time)
{
    /// <summary>Loads the item for <paramref name="user"/>: null with the problem to answer when it may not be seen.</summary>
    public async Task<(ProposalSnapshot? Snapshot, CommandResult? Problem)> LoadAsync(DirectoryPerson user, string id, CancellationToken cancellationToken)
    {
        var snapshot = Proposals.ProposalIds.IsWellFormed(id) ? await store.GetAsync(id, cancellationToken) : null;
        if (snapshot is null || !Access.CanSee(user, snapshot))
        {
            return (null, Problems.NotFound());
        }

        return (snapshot, null);
    }

    /// <summary>
    /// Loads the item for <paramref name="user"/> when its working papers (drafts, their checks, drafting help) are
    /// theirs to see: null with the problem to answer otherwise.
    /// </summary>
    public async Task<(ProposalSnapshot? Snapshot, CommandResult? Problem)> LoadWorkingPapersAsync(DirectoryPerson user, string id, CancellationToken cancellationToken)
    {
        var (snapshot, problem) = await LoadAsync(user, id, cancellationToken);
        return snapshot is not null && !Access.SeesWorkingPapers(user, snapshot)
            ? (null, Problems.Forbidden("答复稿和拟稿参考仅供承办单位和督办部门查看。"))
            : (snapshot, problem);
    }

    /// <summary>
    /// Admits an action the pipeline does not send itself (saving a draft, a co-handling opinion): the item the person
    /// may see (404), who may take it (403), the fields' own checks, already made into <paramref name="errors"/> (400),
    /// then whether the item's state lets them now (409). Null with the problem to answer when not admitted.
    /// </summary>
    public async Task<(ProposalSnapshot? Snapshot, CommandResult? Problem)> AdmitAsync(DirectoryPerson user, string id, Decision decision, FieldErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(errors);
        var (snapshot, problem) = await LoadAsync(user, id, cancellationToken);
        if (snapshot is null)
        {
            return (null, problem);
        }

        var refusal = decision.Check(user.ToActor(), snapshot);
        return refusal is { NotNow: false } ? (null, Problems.Forbidden(refusal.Message))
            : errors.Any ? (null, Problems.Validation(errors))
            : refusal is not null ? (null, Problems.WrongStage(snapshot.Stage, refusal.Message))
            : (snapshot, null);
    }

    /// <summary>
    /// Gives the decision with its request as JSON (the API's body, or the item page's form read as one): the fields its
    /// descriptor lists are read and checked (400 naming each field that is wrong), then it is sent.
    /// </summary>
    public async Task<CommandResult> GiveAsync(Caller caller, string id, Decision decision, JsonObject request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var errors = new FieldErrors();
        var make = await decision.ReadAsync(id, request, errors, lookups, cancellationToken);
        return make is null ? Problems.Validation(errors) : await SendAsync(caller, id, decision, make, cancellationToken);
    }

    public async Task<CommandResult> SendAsync(Caller caller, string id, Decision decision, Func<Actor, string, ProposalAction> make, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(make);
        var user = caller.Person;
        var (requestId, keyProblem) = RequestIdOf(caller);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        var action = make(user.ToActor(), requestId);
        if (decision.ProblemsOf(action, rules.Value) is { Count: > 0 } problems)
        {
            var errors = new FieldErrors();
            foreach (var (field, message) in problems)
            {
                errors.Add(field, message);
            }

            return Problems.Validation(errors);
        }

        var (snapshot, problem) = await LoadAsync(user, id, cancellationToken);
        if (snapshot is null)
        {
            return problem!;
        }

        if (!decision.Allows(user, snapshot))
        {
            return Problems.Forbidden(decision.NotAllowed);
        }

        if (caller.IdempotencyKey is not null && await sender.EarlierAsync(id, requestId, cancellationToken) is { } earlier)
        {
            return await AnswerAsync(id, earlier, cancellationToken);
        }

        if (decision.NotNow(user.ToActor(), snapshot) is { } notNow)
        {
            // A retry of a request already sent: its own outcome answers it, not the stage it may have led to. Under
            // storage faults the outcome can follow the transition by minutes (the activity's retry back-off), so while
            // the first attempt may still be in flight the retry is told to ask again (202), never refused.
            if (caller.IdempotencyKey is not null && await sender.SentAtAsync(id, requestId, cancellationToken) is { } sent)
            {
                if (await sender.WaitAsync(id, requestId, Wait, cancellationToken) is { } applied)
                {
                    return await AnswerAsync(id, applied, cancellationToken);
                }

                if (time.GetUtcNow() - sent < InFlight)
                {
                    return InFlightAnswer(id, requestId);
                }
            }

            return Problems.WrongStage(snapshot.Stage, notNow);
        }

        var outcome = await sender.SendAsync(caller.Client, id, action, Wait, cancellationToken);
        return outcome is null ? InFlightAnswer(id, requestId) : await AnswerAsync(id, outcome, cancellationToken);
    }

    // Longer than an activity's whole retry policy (ActivityRetry: eight attempts, about five minutes): a request sent
    // that long ago without an outcome was lost, and is judged as new.
    private static readonly TimeSpan InFlight = TimeSpan.FromMinutes(10);

    private static CommandResult InFlightAnswer(string id, string requestId) =>
        CommandResult.Accepted($"/api/proposals/{Uri.EscapeDataString(id)}/requests/{Uri.EscapeDataString(requestId)}", new Pending(requestId, "处理中"));

    /// <summary>The request id: the person's idempotency key when given, otherwise a new one.</summary>
    public static (string RequestId, CommandResult? Problem) RequestIdOf(Caller caller) =>
        caller.IdempotencyKey switch
        {
            null => (Guid.NewGuid().ToString("N"), null),
            { } key when IsValidKey(key) => ($"{caller.Person.PersonId}.{key}", null),
            _ => ("", Problems.Field(ApiCommand.IdempotencyHeader, "幂等键须为1至64位字母、数字或 - _ . 字符。")),
        };

    public static bool IsValidKey(string key) =>
        key.Length is > 0 and <= 64 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    public async Task<CommandResult> AnswerAsync(string id, RequestOutcome outcome, CancellationToken cancellationToken)
    {
        if (!outcome.Accepted)
        {
            return Problems.Refused(outcome);
        }

        var snapshot = await store.GetAsync(id, cancellationToken);
        return CommandResult.Ok(new DecisionResult(
            outcome.RequestId,
            true,
            snapshot?.Stage ?? outcome.Stage,
            Labels.Of(snapshot?.Stage ?? outcome.Stage),
            snapshot is null ? null : ProposalSummary.Of(snapshot, ChinaTime.Today(time))));
    }

    private TimeSpan Wait => TimeSpan.FromSeconds(options.Value.DecisionWaitSeconds);
}

/// <summary>A decision given but not yet answered: where its outcome will be.</summary>
public sealed record Pending(string RequestId, string Status);
