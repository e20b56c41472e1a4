using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Replies.Workflows.Deadlines;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Functions.Durable;

/// <summary>
/// The activity trigger functions: each creates its activity class of the workflows with the function's services, as
/// the local engine does, and runs it once. A test checks this list against <c>WorkflowRegistration.Activities</c>.
/// </summary>
public static class ActivityFunctions
{
    [Function(nameof(RecordTransition))]
    public static Task<string> RunRecordTransition([ActivityTrigger] TransitionRecord input, FunctionContext context) => Run<RecordTransition, TransitionRecord, string>(context, input);

    [Function(nameof(ReadSentDecision))]
    public static Task<SentEvent?> RunReadSentDecision([ActivityTrigger] SentDecisionRequest input, FunctionContext context) => Run<ReadSentDecision, SentDecisionRequest, SentEvent?>(context, input);

    [Function(nameof(ArchiveItem))]
    public static Task<int> RunArchiveItem([ActivityTrigger] string input, FunctionContext context) => Run<ArchiveItem, string, int>(context, input);

    [Function(nameof(RecordOutcome))]
    public static Task<bool> RunRecordOutcome([ActivityTrigger] OutcomeRecord input, FunctionContext context) => Run<RecordOutcome, OutcomeRecord, bool>(context, input);

    [Function(nameof(QueueNotifications))]
    public static Task<bool> RunQueueNotifications([ActivityTrigger] NotificationBatch input, FunctionContext context) => Run<QueueNotifications, NotificationBatch, bool>(context, input);

    [Function(nameof(SetAlarm))]
    public static Task<bool> RunSetAlarm([ActivityTrigger] AlarmSetting input, FunctionContext context) => Run<SetAlarm, AlarmSetting, bool>(context, input);

    [Function(nameof(PlanWorkingDays))]
    public static Task<WorkingDate> RunPlanWorkingDays([ActivityTrigger] WorkingDaysRequest input, FunctionContext context) => Run<PlanWorkingDays, WorkingDaysRequest, WorkingDate>(context, input);

    [Function(nameof(AssignFilingNumber))]
    public static Task<int> RunAssignFilingNumber([ActivityTrigger] FilingNumberRequest input, FunctionContext context) => Run<AssignFilingNumber, FilingNumberRequest, int>(context, input);

    [Function(nameof(NotifyMergeTarget))]
    public static Task<bool> RunNotifyMergeTarget([ActivityTrigger] MergeNotice input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        new NotifyMergeTarget(client).RunAsync(new FunctionActivityContext(nameof(NotifyMergeTarget), context), input);

    [Function(nameof(RecordCoHandlingOpinion))]
    public static Task<bool> RunRecordCoHandlingOpinion([ActivityTrigger] OpinionRecord input, FunctionContext context) => Run<RecordCoHandlingOpinion, OpinionRecord, bool>(context, input);

    [Function(nameof(RenderReplyLetter))]
    public static Task<LetterInfo> RunRenderReplyLetter([ActivityTrigger] LetterRequest input, FunctionContext context) => Run<RenderReplyLetter, LetterRequest, LetterInfo>(context, input);

    private static Task<TOutput> Run<TActivity, TInput, TOutput>(FunctionContext context, TInput input)
        where TActivity : TaskActivity<TInput, TOutput> =>
        ActivatorUtilities.CreateInstance<TActivity>(context.InstanceServices).RunAsync(new FunctionActivityContext(typeof(TActivity).Name, context), input);
}

/// <summary>The activity context the workflows' classes take, from the function's binding data.</summary>
internal sealed class FunctionActivityContext(string name, FunctionContext context) : TaskActivityContext
{
    public override TaskName Name => name;

    public override string InstanceId => context.BindingContext.BindingData.TryGetValue("instanceId", out var id) ? id?.ToString() ?? "" : "";
}
