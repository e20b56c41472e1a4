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
        await client.SendDecisionAsync(proposalId, action, time, cancellationToken);
        return await WaitAsync(proposalId, action.RequestId, stored, wait, cancellationToken);
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
