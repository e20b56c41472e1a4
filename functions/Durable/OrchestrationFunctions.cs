using Microsoft.DurableTask;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Durable;

/// <summary>
/// The orchestration trigger functions: each hands its context to the orchestrator class of the workflows, registered
/// under the same name (no source generator writes these here). A test checks this list against
/// <c>WorkflowRegistration.Orchestrators</c>.
/// </summary>
public static class OrchestrationFunctions
{
    [Function(nameof(ProposalLifecycle))]
    public static Task<ProposalOutcome> RunProposalLifecycle([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ProposalLifecycle().RunAsync(context, context.GetInput<ProposalLifecycleInput>()!);

    [Function(nameof(CoHandlingOpinion))]
    public static Task<CoHandlingResult> RunCoHandlingOpinion([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new CoHandlingOpinion().RunAsync(context, context.GetInput<CoHandlingInput>()!);
}
