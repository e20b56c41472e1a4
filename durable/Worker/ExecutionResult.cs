using Replies.Durable.History;

namespace Replies.Durable.Worker;

/// <summary>What one replay episode decided: new actions to commit and the instance's state after it.</summary>
internal sealed record ExecutionResult(
    IReadOnlyList<HistoryEvent> NewActions,
    OrchestrationRuntimeStatus Status,
    string? Output,
    TaskFailureDetails? Failure,
    string? CustomStatus,
    string? ContinueAsNewInput,
    IReadOnlyList<EventRaised> CarriedOverEvents)
{
    /// <summary>The event that closes the execution, or null while it goes on.</summary>
    public HistoryEvent? CompletionEvent(DateTime now) => Status switch
    {
        OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.ContinuedAsNew =>
            new ExecutionCompleted(Status, Status == OrchestrationRuntimeStatus.ContinuedAsNew ? ContinueAsNewInput : Output, Failure) { Timestamp = now },
        _ => null,
    };
}
