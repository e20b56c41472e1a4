using System.Diagnostics;
using Microsoft.DurableTask.Client;
using Replies.Workflows.Storage;

namespace Replies.Workflows.Lifecycle;

/// <summary>
/// Sends a decision to a proposal's orchestration and waits for its outcome: woken at once when this process stores
/// it, otherwise (the worker runs elsewhere) looking for it every 250 ms. The API, the pages, the seeding and the
/// tests all send decisions this way. Decisions are stamped with business time (the injected clock, which a
/// development clock may move); how long a person waits is measured on the monotonic stopwatch, which it cannot.
/// </summary>
public sealed class DecisionSender(ProposalStore store, DecisionLedger ledger, OutcomeSignals signals, TimeProvider time)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>When a request was first sent, if it was and is not answered yet: its outcome may still be on its way.</summary>
    public Task<DateTimeOffset?> SentAtAsync(string proposalId, string requestId, CancellationToken cancellationToken = default) =>
        ledger.GetSentAsync(proposalId, requestId, cancellationToken);

    /// <summary>The outcome already stored for the request, if it was answered before (an idempotent retry).</summary>
    public Task<RequestOutcome?> EarlierAsync(string proposalId, string requestId, CancellationToken cancellationToken = default) =>
        ledger.GetOutcomeAsync(proposalId, requestId, cancellationToken);

    /// <summary>
    /// Sends the action and waits up to <paramref name="wait"/> for its outcome; null when none was stored in time. It
    /// is marked as sent first, with its event, so that a keyed retry finds it in flight (<see cref="SentAtAsync"/>)
    /// and the watchdog can raise it again if no outcome ever comes.
    /// </summary>
    public async Task<RequestOutcome?> SendAsync(DurableTaskClient client, string proposalId, ProposalAction action, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        var now = time.GetUtcNow();
        action = action with { At = action.At ?? now.UtcDateTime };
        await ledger.MarkSentAsync(proposalId, action, now, cancellationToken);
        var stored = signals.WaitAsync(proposalId, action.RequestId, wait, cancellationToken);
        try
        {
            await client.SendDecisionAsync(proposalId, action, time, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The engine refuses an event to a lifecycle that has ended: the item closed between the person's page and
            // this send (often by the first attempt of this very request, whose answer was lost with a host that died).
            return await AfterRefusedSendAsync(client, proposalId, action.RequestId, now, e, cancellationToken);
        }

        return await WaitAsync(proposalId, action.RequestId, stored, wait, cancellationToken);
    }

    // A completed or terminated lifecycle takes nothing more: the request's own outcome answers it when it has one
    // (the first attempt's), otherwise it is refused as too late. A failed one is the watchdog's to rewind, after which
    // it raises the decision again (null: still in flight). Anything else is a failure to send.
    private async Task<RequestOutcome?> AfterRefusedSendAsync(DurableTaskClient client, string proposalId, string requestId, DateTimeOffset now, Exception refused, CancellationToken cancellationToken)
    {
        switch ((await client.GetInstanceAsync(proposalId, cancellationToken))?.RuntimeStatus)
        {
            case OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Terminated:
                var stage = (await store.GetAsync(proposalId, cancellationToken))?.Stage ?? ProposalStage.Closed;
                await ledger.RecordTooLateAsync(proposalId, requestId, stage, now.UtcDateTime, cancellationToken);
                return await ledger.GetOutcomeAsync(proposalId, requestId, cancellationToken);
            case OrchestrationRuntimeStatus.Failed:
                return null;
            default:
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(refused);
                return null;
        }
    }

    /// <summary>
    /// Waits up to <paramref name="wait"/> until a lifecycle just started has stored its first transition: the engine
    /// drops an event raised to an instance that has not started yet, so a decision waits for this.
    /// </summary>
    public async Task<bool> WaitForStartAsync(string proposalId, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        while (await store.GetAsync(proposalId, cancellationToken) is null)
        {
            if (Stopwatch.GetElapsedTime(started) >= wait)
            {
                return false;
            }

            await Task.Delay(100, cancellationToken);
        }

        return true;
    }

    /// <summary>Waits up to <paramref name="wait"/> for the outcome of a request sent earlier.</summary>
    public Task<RequestOutcome?> WaitAsync(string proposalId, string requestId, TimeSpan wait, CancellationToken cancellationToken = default) =>
        WaitAsync(proposalId, requestId, signals.WaitAsync(proposalId, requestId, wait, cancellationToken), wait, cancellationToken);

    private async Task<RequestOutcome?> WaitAsync(string proposalId, string requestId, Task stored, TimeSpan wait, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var left = wait - Stopwatch.GetElapsedTime(started);
            if (left > TimeSpan.Zero && !stored.IsCompleted)
            {
                await Task.WhenAny(stored, Task.Delay(left < PollInterval ? left : PollInterval, cancellationToken));
            }

            if (await ledger.GetOutcomeAsync(proposalId, requestId, cancellationToken) is { } outcome)
            {
                return outcome;
            }

            if (Stopwatch.GetElapsedTime(started) >= wait)
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
