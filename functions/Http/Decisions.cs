using Microsoft.DurableTask.Client;
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
/// Sends a person's decision to a proposal's orchestration and answers with its outcome: 404 for an item the person
/// may not see, 403 for an action they may not take, 409 with the current stage when the item has left the stage the
/// action belongs to or the orchestration refused it (the reason is its own), 200 when it was taken, 202 with where to
/// look when the outcome is not stored within the wait. An <c>Idempotency-Key</c> header makes a retry return the first
/// outcome instead of acting twice.
/// </summary>
public sealed class Decisions(
    DurableTaskClient client,
    ProposalStore store,
    ProposalCatalog catalog,
    OutcomeSignals signals,
    IOptions<ApiOptions> options,
    TimeProvider time)
{
    public const string IdempotencyHeader = "Idempotency-Key";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Loads the item for <paramref name="user"/>: null with the problem to answer when it may not be seen.</summary>
    public async Task<(ProposalSnapshot? Snapshot, IResult? Problem)> LoadAsync(DirectoryPerson user, string id, CancellationToken cancellationToken)
    {
        var snapshot = Proposals.ProposalIds.IsWellFormed(id) ? await store.GetAsync(id, cancellationToken) : null;
        if (snapshot is null || !Access.CanSee(user, snapshot))
        {
            return (null, Problems.NotFound());
        }

        catalog.Apply(snapshot);
        return (snapshot, null);
    }

    public async Task<IResult> SendAsync(HttpContext http, string id, string permission, Func<Actor, string, ProposalAction> make, CancellationToken cancellationToken)
    {
        var user = http.Person();
        if (user is null)
        {
            return Problems.Forbidden("您不在名录中，无法操作。");
        }

        var (snapshot, problem) = await LoadAsync(user, id, cancellationToken);
        if (snapshot is null)
        {
            return problem!;
        }

        var rule = Access.Action(permission);
        if (!rule.IsAllowed(user, snapshot))
        {
            return Problems.Forbidden();
        }

        var (requestId, keyProblem) = RequestIdOf(http, user.PersonId);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        if (http.Request.Headers.ContainsKey(IdempotencyHeader) && await store.GetOutcomeAsync(id, requestId, cancellationToken) is { } earlier)
        {
            return await AnswerAsync(id, earlier, cancellationToken);
        }

        if (!ActionStages.Allows(rule.EventName, snapshot.Stage))
        {
            return Problems.WrongStage(snapshot.Stage, $"本件当前处于「{Labels.Of(snapshot.Stage)}」阶段，不能进行此操作。");
        }

        if (!rule.IsOpen(user, snapshot))
        {
            return Problems.WrongStage(snapshot.Stage, rule.NotNow ?? "本件当前状态下不能进行此操作。");
        }

        var action = make(user.ToActor(), requestId);
        var stored = signals.WaitAsync(id, requestId, Wait, cancellationToken);
        await client.SendDecisionAsync(id, action, time, cancellationToken);
        var outcome = await WaitForOutcomeAsync(id, requestId, stored, cancellationToken);
        if (outcome is null)
        {
            return TypedResults.Accepted($"/api/proposals/{Uri.EscapeDataString(id)}/requests/{Uri.EscapeDataString(requestId)}", new { requestId, status = "处理中" });
        }

        return await AnswerAsync(id, outcome, cancellationToken);
    }

    /// <summary>The request id: the person's idempotency key when given, otherwise a new one.</summary>
    public static (string RequestId, IResult? Problem) RequestIdOf(HttpContext http, string personId)
    {
        if (!http.Request.Headers.TryGetValue(IdempotencyHeader, out var values))
        {
            return (Guid.NewGuid().ToString("N"), null);
        }

        var key = values.ToString();
        return IsValidKey(key)
            ? ($"{personId}.{key}", null)
            : ("", Problems.Field(IdempotencyHeader, "幂等键须为1至64位字母、数字或 - _ . 字符。"));
    }

    public static bool IsValidKey(string key) =>
        key.Length is > 0 and <= 64 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    public async Task<IResult> AnswerAsync(string id, RequestOutcome outcome, CancellationToken cancellationToken)
    {
        if (!outcome.Accepted)
        {
            return Problems.Refused(outcome);
        }

        var snapshot = await store.GetAsync(id, cancellationToken);
        if (snapshot is not null)
        {
            catalog.Apply(snapshot);
        }

        return TypedResults.Ok(new DecisionResult(
            outcome.RequestId,
            true,
            snapshot?.Stage ?? outcome.Stage,
            Labels.Of(snapshot?.Stage ?? outcome.Stage),
            snapshot is null ? null : ProposalSummary.Of(snapshot, ChinaClock.Today(time))));
    }

    private TimeSpan Wait => TimeSpan.FromSeconds(options.Value.DecisionWaitSeconds);

    private async Task<RequestOutcome?> WaitForOutcomeAsync(string id, string requestId, Task stored, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            // Woken at once when this process stores the outcome; stored by a worker elsewhere, looked for every 250 ms.
            var left = deadline - DateTime.UtcNow;
            if (left > TimeSpan.Zero && !stored.IsCompleted)
            {
                await Task.WhenAny(stored, Task.Delay(left < PollInterval ? left : PollInterval, cancellationToken));
            }

            if (await store.GetOutcomeAsync(id, requestId, cancellationToken) is { } outcome)
            {
                return outcome;
            }

            if (DateTime.UtcNow >= deadline)
            {
                return null;
            }

            if (stored.IsCompleted)
            {
                await Task.Delay(PollInterval, cancellationToken);
            }
        }
    }
}
