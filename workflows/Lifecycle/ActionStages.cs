namespace Replies.Workflows.Lifecycle;

/// <summary>
/// The stages in which each decision can be taken. The orchestration decides and says why it refuses; this table lets
/// the HTTP layer answer a decision sent for a stage the item has left at once, and lets views offer only the actions
/// that can succeed now.
/// </summary>
public static class ActionStages
{
    private static readonly ProposalStage[] Handling =
        [ProposalStage.AwaitingSignOff, ProposalStage.Drafting, ProposalStage.AwaitingApproval, ProposalStage.AwaitingClerkReview];

    private static readonly ProposalStage[] Assigned = [.. Handling, ProposalStage.AwaitingFeedback];

    private static readonly ProposalStage[] Open =
        [ProposalStage.CoSigning, ProposalStage.FilingReview, ProposalStage.AwaitingAssignment, .. Assigned];

    private static readonly Dictionary<string, ProposalStage[]> Stages = new(StringComparer.Ordinal)
    {
        [nameof(CoSignAnswered)] = [ProposalStage.CoSigning],
        [nameof(FilingDecided)] = [ProposalStage.FilingReview],
        [nameof(Assigned)] = [ProposalStage.AwaitingAssignment],
        [nameof(SignedFor)] = Assigned,
        [nameof(ReassignmentRequested)] = Assigned,
        [nameof(ReassignmentDecided)] = Assigned,
        [nameof(ContactRecorded)] = Handling,
        [nameof(SubmittedForApproval)] = [ProposalStage.Drafting],
        [nameof(ApprovalDecided)] = [ProposalStage.AwaitingApproval],
        [nameof(ClerkReviewed)] = [ProposalStage.AwaitingClerkReview],
        [nameof(FeedbackGiven)] = [ProposalStage.AwaitingFeedback],
        [nameof(ExtensionRequested)] = Handling,
        [nameof(ExtensionDecided)] = Open,
        [nameof(KeyItemMarked)] = Open,
        [nameof(CoHandlingOpinionSent)] = Handling,
    };

    /// <summary>Whether an action named by its event name can be taken in <paramref name="stage"/>.</summary>
    public static bool Allows(string eventName, ProposalStage stage) =>
        Stages.TryGetValue(eventName, out var stages) && stages.Contains(stage);

    /// <summary>The stages an action can be taken in.</summary>
    public static IReadOnlyList<ProposalStage> For(string eventName) => Stages.GetValueOrDefault(eventName) ?? [];
}
