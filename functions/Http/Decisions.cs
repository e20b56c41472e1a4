using Microsoft.Extensions.Options;
using Replies.Functions.Identity;
using Replies.Functions.Startup;
using Replies.Functions.Views;
using Replies.Workflows;
using Replies.Workflows.Directory;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Functions.Http;

/// <summary>
/// Gives a person's decision to a proposal's orchestration and answers with its outcome: 404 for an item the person
/// may not see, 403 for an action they may not take, 409 with the current stage when the item has left the stage the
/// action belongs to or the orchestration refused it (the reason is its own), 200 when it was taken, 202 with where to
/// look when the outcome is not stored within the wait. An idempotency key makes a retry return the first outcome
/// instead of acting twice.
/// </summary>
public sealed class Decisions(
    DecisionSender sender,
    ProposalStore store,
    IOptions<ApiOptions> options,
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

    public async Task<CommandResult> SendAsync(Caller caller, string id, string permission, Func<Actor, string, ProposalAction> make, CancellationToken cancellationToken)
    {
        var user = caller.Person;
        var (snapshot, problem) = await LoadAsync(user, id, cancellationToken);
        if (snapshot is null)
        {
            return problem!;
        }

        var rule = Access.Action(permission);
        if (!rule.Allows(user, snapshot))
        {
            return Problems.Forbidden();
        }

        var (requestId, keyProblem) = RequestIdOf(caller);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        if (caller.IdempotencyKey is not null && await sender.EarlierAsync(id, requestId, cancellationToken) is { } earlier)
        {
            return await AnswerAsync(id, earlier, cancellationToken);
        }

        if (!rule.IsOpenTo(user, snapshot))
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

            return Problems.WrongStage(snapshot.Stage, ActionStages.Allows(rule.EventName, snapshot.Stage)
                ? rule.NotNow ?? "本件当前状态下不能进行此操作。"
                : $"本件当前处于「{Labels.Of(snapshot.Stage)}」阶段，不能进行此操作。");
        }

        var outcome = await sender.SendAsync(caller.Client, id, make(user.ToActor(), requestId), Wait, cancellationToken);
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
