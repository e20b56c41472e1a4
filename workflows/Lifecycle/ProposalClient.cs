using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Replies.Workflows.Lifecycle;

/// <summary>
/// Starting a proposal's lifecycle and giving it a decision, stamped with business time from the host's clock: the one
/// way every entry point (API, pages, seeding, tests) talks to the orchestrations.
/// </summary>
public static class ProposalClient
{
    /// <summary>Starts the lifecycle of <paramref name="input"/>'s proposal under the proposal id.</summary>
    public static Task<string> StartLifecycleAsync(this DurableTaskClient client, ProposalLifecycleInput input, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(time);
        return client.ScheduleNewOrchestrationInstanceAsync(
            nameof(ProposalLifecycle),
            input with { At = input.At ?? time.GetUtcNow().UtcDateTime },
            new StartOrchestrationOptions(input.Submission.ProposalId),
            cancellationToken);
    }

    /// <summary>Sends a decision to an instance (a proposal's lifecycle, or a co-handler's opinion instance).</summary>
    public static Task SendDecisionAsync(this DurableTaskClient client, string instanceId, ProposalAction action, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(time);
        return client.RaiseEventAsync(instanceId, action.EventName, action with { At = action.At ?? time.GetUtcNow().UtcDateTime }, cancellationToken);
    }
}
