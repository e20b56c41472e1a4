using Microsoft.Extensions.Logging;

namespace Replies.Workflows.Lifecycle;

/// <summary>
/// What a lifecycle says as it goes, through the orchestration's replay-safe logger: each transition and each refusal
/// once, when it happens, and nothing while the instance replays its history.
/// </summary>
internal static partial class LifecycleLog
{
    public const string Category = "Replies.Workflows.Lifecycle";

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "{ProposalId} #{Sequence} {Action}: {From} → {To} ({Cause})")]
    public static partial void Transition(ILogger logger, string proposalId, int sequence, string action, ProposalStage? from, ProposalStage to, string cause);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "{ProposalId} refused {Decision} ({RequestId}) at {Stage}: {Reason}")]
    public static partial void Refused(ILogger logger, string proposalId, string decision, string requestId, ProposalStage stage, string reason);
}
