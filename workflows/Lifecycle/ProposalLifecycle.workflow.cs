using Microsoft.DurableTask;

namespace Replies.Workflows.Lifecycle;

/// <summary>
/// One proposal from submission to closing (instance id = proposal id). Each step waits for a person's decision raced
/// against its deadline, with reminders (催办) before and an escalation (督办) at the deadline. Every decision is
/// checked against the stage, the person's role and department, and the rules profile in force at submission; a
/// decision that does not fit is refused with the reason recorded for the person who sent it.
/// </summary>
public sealed class ProposalLifecycle : TaskOrchestrator<ProposalLifecycleInput, ProposalOutcome>
{
    /// <inheritdoc />
    public override Task<ProposalOutcome> RunAsync(TaskOrchestrationContext context, ProposalLifecycleInput input) =>
        new LifecycleRun(context, input).RunAsync();
}
