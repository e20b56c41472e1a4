using Microsoft.DurableTask;
using Replies.Workflows.Deadlines;
using Replies.Workflows.Rules;
using Replies.Workflows.Storage;

namespace Replies.Workflows.Lifecycle;

/// <summary>
/// One typed call per activity, as the Durable Task source generator would write them (it is not served here): the
/// orchestrations name no activity by string and pass no input of the wrong type. Each call retries as
/// <see cref="ActivityRetry"/> says.
/// </summary>
internal static class ActivityCalls
{
    public static Task<string> RecordTransitionAsync(this TaskOrchestrationContext context, TransitionRecord record) =>
        context.CallWithRetryAsync<string>(nameof(RecordTransition), record);

    public static Task<SentEvent?> ReadSentDecisionAsync(this TaskOrchestrationContext context, SentDecisionRequest request) =>
        context.CallWithRetryAsync<SentEvent?>(nameof(ReadSentDecision), request);

    public static Task<bool> RecordOutcomeAsync(this TaskOrchestrationContext context, OutcomeRecord record) =>
        context.CallWithRetryAsync<bool>(nameof(RecordOutcome), record);

    public static Task<int> ArchiveItemAsync(this TaskOrchestrationContext context, string proposalId) =>
        context.CallWithRetryAsync<int>(nameof(ArchiveItem), proposalId);

    public static Task<bool> QueueNotificationsAsync(this TaskOrchestrationContext context, NotificationBatch batch) =>
        context.CallWithRetryAsync<bool>(nameof(QueueNotifications), batch);

    public static Task<bool> SetAlarmAsync(this TaskOrchestrationContext context, AlarmSetting setting) =>
        context.CallWithRetryAsync<bool>(nameof(SetAlarm), setting);

    public static Task<WorkingDate> PlanWorkingDaysAsync(this TaskOrchestrationContext context, WorkingDaysRequest request) =>
        context.CallWithRetryAsync<WorkingDate>(nameof(PlanWorkingDays), request);

    public static Task<int> AssignFilingNumberAsync(this TaskOrchestrationContext context, FilingNumberRequest request) =>
        context.CallWithRetryAsync<int>(nameof(AssignFilingNumber), request);

    public static Task<bool> NotifyMergeTargetAsync(this TaskOrchestrationContext context, MergeNotice notice) =>
        context.CallWithRetryAsync<bool>(nameof(NotifyMergeTarget), notice);

    public static Task<bool> RecordCoHandlingOpinionAsync(this TaskOrchestrationContext context, OpinionRecord record) =>
        context.CallWithRetryAsync<bool>(nameof(RecordCoHandlingOpinion), record);

    public static Task<LetterInfo> RenderReplyLetterAsync(this TaskOrchestrationContext context, LetterRequest request) =>
        context.CallWithRetryAsync<LetterInfo>(nameof(RenderReplyLetter), request);
}
