using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Replies.Workflows.Deadlines;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Rules;
using Replies.Workflows.Storage;
using static Replies.Workflows.UnitTests.People;

namespace Replies.Workflows.UnitTests;

/// <summary>
/// The lifecycle and co-handling orchestrations on Microsoft.DurableTask's in-process test host (the official worker
/// and client over an in-memory backend), their activities replaced by recorders: every decision event in one run.
/// </summary>
public sealed class LifecycleInProcessTests
{
    [Fact]
    public async Task Every_decision_event_takes_effect_in_one_lifecycle_on_the_in_process_engine()
    {
        var recorder = new Recorder();
        await using var host = await DurableTaskTestHost.StartAsync(recorder.Register, new DurableTaskTestHostOptions());
        var client = host.Client;
        var time = new StepClock(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
        const string id = "2026-0001";
        var submission = new ProposalSubmission(id, ProposalKind.Suggestion, "市人大十二届三次会议", "关于加强科技创新促进产业发展的建议", "正文", "科技", Deputy, [CoSigner]);
        await client.StartLifecycleAsync(new ProposalLifecycleInput(submission, new RulesProfile { ClerkReviewBeforeIssue = true }), time);

        async Task<RequestOutcome> Send(ProposalAction action, string? instanceId = null)
        {
            var outcome = recorder.Expect(action.RequestId);
            await client.SendDecisionAsync(instanceId ?? id, action, time);
            return await outcome.WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.True((await Send(new CoSignAnswered("cosign", new Actor(CoSigner.PersonId, CoSigner.Name, Role.Proposer), true))).Accepted);
        Assert.Equal(ProposalStage.AwaitingAssignment, (await Send(new FilingDecided("file", Clerk, FilingDecision.File))).Stage);
        await Send(new KeyItemMarked("key", Clerk, true, "王副市长"));
        await Send(new ProposersMergedIn("merge", Clerk, "2026-0002", [Merged]));
        Assert.Equal(ProposalStage.AwaitingSignOff, (await Send(new Assigned("assign", Clerk, "市科技局", ["市发改委"]))).Stage);
        await Send(new ReassignmentRequested("ask", CoHandler, "职能不符"));
        await Send(new ReassignmentDecided("decide", Clerk, "市发改委", false, Comment: "请配合办理"));
        Assert.Equal(ProposalStage.Drafting, (await Send(new SignedFor("sign", Handler))).Stage);
        await Send(new ExtensionRequested("extend", Handler, new DateOnly(2026, 7, 1), "需调研"));
        await Send(new ExtensionDecided("extended", Clerk, true));
        await Send(new ContactRecorded("contact", Handler, new DateOnly(2026, 3, 10), "座谈", "当面听取意见"));

        var coHandling = CoHandlingOpinion.InstanceIdFor(id, "市发改委");
        await client.SendDecisionAsync(coHandling, new CoHandlingOpinionSent("opinion", CoHandler, "同意主办单位意见。"), time);
        var opinion = await client.WaitForInstanceCompletionAsync(coHandling, true, new CancellationTokenSource(30_000).Token);
        Assert.Equal(new CoHandlingResult("市发改委", "同意主办单位意见。", false), opinion.ReadOutputAs<CoHandlingResult>());

        await Send(new SubmittedForApproval("submit1", Handler, 1, ResultClass.B, Disclosure.Full, "张承办", "0375-2345678"));
        Assert.Equal(ProposalStage.Drafting, (await Send(new ApprovalDecided("return", Leader, false, "请补充下一步打算"))).Stage);
        await Send(new SubmittedForApproval("submit2", Handler, 2, ResultClass.B, Disclosure.Full, "张承办", "0375-2345678"));
        Assert.Equal(ProposalStage.AwaitingClerkReview, (await Send(new ApprovalDecided("approve", Leader, true))).Stage);
        Assert.Equal(ProposalStage.AwaitingFeedback, (await Send(new ClerkReviewed("review", Clerk, true, ResultClass.A))).Stage);
        Assert.Equal(ProposalStage.Closed, (await Send(new FeedbackGiven("feedback", new Actor(Deputy.PersonId, Deputy.Name, Role.Proposer), Rating.Satisfied))).Stage);

        var done = await client.WaitForInstanceCompletionAsync(id, true, new CancellationTokenSource(30_000).Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal([id], recorder.Archived);
        var outcome = done.ReadOutputAs<ProposalOutcome>()!;
        Assert.Equal((ProposalStage.Closed, ResultClass.A, Rating.Satisfied), (outcome.Stage, outcome.ResultClass, outcome.Rating));

        var final = recorder.Transitions.MaxBy(t => t.Current.Sequence)!.Current;
        Assert.True(final.IsKey);
        Assert.Contains(Merged, final.MergedProposers);
        Assert.Equal([CoSigner], final.CoSigners);
        Assert.Equal(new DateOnly(2026, 7, 1), final.ReplyDue);
        Assert.Equal(2, final.DraftVersion);
        Assert.Single(final.Letters);
        Assert.Equal(Enumerable.Range(1, final.Sequence), recorder.Transitions.Select(t => t.Current.Sequence).Order());
        // Business time came from the decisions' clock, not the engine's: the item closed on the test clock's day.
        Assert.Equal(time.Last.UtcDateTime, final.ClosedAt);
        // The alarm row was cleared when the item closed.
        Assert.Null(recorder.Alarms.Last(a => a.InstanceId == id).Key);
    }

    /// <summary>A clock that moves an hour each time it is read, as days of work pass between decisions.</summary>
    private sealed class StepClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Last { get; private set; } = start;

        public override DateTimeOffset GetUtcNow() => Last = Last.AddHours(1);
    }

    /// <summary>Stands in for the activities: records what they were asked and wakes whoever waits for an outcome.</summary>
    private sealed class Recorder
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource<RequestOutcome>> _outcomes = new(StringComparer.Ordinal);

        public ConcurrentQueue<TransitionRecord> Transitions { get; } = new();

        public ConcurrentQueue<AlarmSetting> Alarms { get; } = new();

        public Task<RequestOutcome> Expect(string requestId) =>
            _outcomes.GetOrAdd(requestId, _ => new TaskCompletionSource<RequestOutcome>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public void Register(DurableTaskRegistry r) => r
            .AddOrchestrator<ProposalLifecycle>()
            .AddOrchestrator<CoHandlingOpinion>()
            .AddActivityFunc<TransitionRecord, string>(nameof(RecordTransition), (_, t) =>
            {
                Transitions.Enqueue(t!);
                if (t!.Alarm is { } alarm)
                {
                    Alarms.Enqueue(alarm);
                }

                Resolve(t.Outcome);
                return TransitionWriter.TransitionKey(t);
            })
            .AddActivityFunc<OutcomeRecord, bool>(nameof(RecordOutcome), (_, o) =>
            {
                Resolve(o!.Outcome);
                return true;
            })
            .AddActivityFunc<AlarmSetting, bool>(nameof(SetAlarm), (_, a) =>
            {
                Alarms.Enqueue(a!);
                return true;
            })
            .AddActivityFunc<NotificationBatch, bool>(nameof(QueueNotifications), (_, _) => true)
            .AddActivityFunc<OpinionRecord, bool>(nameof(RecordCoHandlingOpinion), (_, _) => true)
            .AddActivityFunc<MergeNotice, bool>(nameof(NotifyMergeTarget), (_, _) => true)
            .AddActivityFunc<WorkingDaysRequest, WorkingDate>(nameof(PlanWorkingDays), (_, w) => WorkingDayCalendar.Shipped.AddWorkingDays(w!.From, w.Days))
            .AddActivityFunc<FilingNumberRequest, int>(nameof(AssignFilingNumber), (_, _) => 1)
            .AddActivityFunc<LetterRequest, LetterInfo>(nameof(RenderReplyLetter), (_, l) =>
                new LetterInfo($"{l!.Proposal.ProposalId}/reply-r0.docx", "政办函〔2026〕1号", l.DraftVersion, l.IssuedAt, l.SignedBy))
            .AddActivityFunc<string, int>(nameof(ArchiveItem), (_, id) =>
            {
                Archived.Enqueue(id!);
                return 1;
            });

        /// <summary>The items the lifecycle archived (its last step).</summary>
        public ConcurrentQueue<string> Archived { get; } = [];

        private void Resolve(RequestOutcome? outcome)
        {
            if (outcome is not null)
            {
                _outcomes.GetOrAdd(outcome.RequestId, _ => new TaskCompletionSource<RequestOutcome>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(outcome);
            }
        }
    }
}
