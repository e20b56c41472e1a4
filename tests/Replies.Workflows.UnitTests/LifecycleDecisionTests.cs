using Microsoft.DurableTask;
using Moq;
using Replies.Workflows.Deadlines;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Rules;

namespace Replies.Workflows.UnitTests;

/// <summary>The orchestration's decisions with the context mocked, as Durable Functions users test theirs.</summary>
public sealed class LifecycleDecisionTests
{
    private static readonly Person Deputy = new("d1", "叶元朋");
    private static readonly Actor Clerk = new("c1", "督查室", Role.Clerk);

    private static (Mock<TaskOrchestrationContext> Context, List<TransitionRecord> Transitions, List<OutcomeRecord> Refusals) Mocked(params ProposalAction[] events)
    {
        var context = new Mock<TaskOrchestrationContext>();
        var transitions = new List<TransitionRecord>();
        var refusals = new List<OutcomeRecord>();
        context.SetupGet(c => c.InstanceId).Returns("2026-0001");
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(new DateTime(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc));
        context.Setup(c => c.CallActivityAsync<WorkingDate>(It.Is<TaskName>(n => n.Name == nameof(PlanWorkingDays)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ReturnsAsync(new WorkingDate(new DateOnly(2026, 3, 16), false));
        context.Setup(c => c.CallActivityAsync<bool>(It.Is<TaskName>(n => n.Name == nameof(RecordTransition)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Callback<TaskName, object?, TaskOptions?>((_, input, _) => transitions.Add((TransitionRecord)input!))
            .ReturnsAsync(true);
        context.Setup(c => c.CallActivityAsync<bool>(It.Is<TaskName>(n => n.Name == nameof(RecordOutcome)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Callback<TaskName, object?, TaskOptions?>((_, input, _) => refusals.Add((OutcomeRecord)input!))
            .ReturnsAsync(true);
        context.Setup(c => c.WaitForExternalEvent<DeadlineReached>(nameof(DeadlineReached), It.IsAny<CancellationToken>())).Returns(new TaskCompletionSource<DeadlineReached>().Task);

        // Each kind of event is delivered once, in the given order; every later wait stays open.
        var byName = events.GroupBy(e => e.EventName).ToDictionary(g => g.Key, g => new Queue<ProposalAction>(g));
        void Setup<T>() where T : ProposalAction =>
            context.Setup(c => c.WaitForExternalEvent<T>(typeof(T).Name, It.IsAny<CancellationToken>()))
                .Returns(() => byName.TryGetValue(typeof(T).Name, out var q) && q.Count > 0 ? Task.FromResult((T)q.Dequeue()) : new TaskCompletionSource<T>().Task);
        Setup<CoSignAnswered>(); Setup<FilingDecided>(); Setup<Assigned>(); Setup<SignedFor>(); Setup<ReassignmentRequested>();
        Setup<ReassignmentDecided>(); Setup<ContactRecorded>(); Setup<SubmittedForApproval>(); Setup<ApprovalDecided>(); Setup<ClerkReviewed>();
        Setup<FeedbackGiven>(); Setup<ExtensionRequested>(); Setup<ExtensionDecided>(); Setup<KeyItemMarked>(); Setup<ProposersMergedIn>();
        return (context, transitions, refusals);
    }

    private static ProposalLifecycleInput Input() =>
        new(new ProposalSubmission("2026-0001", ProposalKind.Suggestion, "市人大十二届三次会议", "关于加强科技创新促进产业发展的建议", "正文", "科技", Deputy, []), new RulesProfile());

    [Fact]
    public async Task A_declined_item_closes_with_the_reason_and_tells_the_proposer()
    {
        var (context, transitions, refusals) = Mocked(new FilingDecided("r1", Clerk, FilingDecision.Decline, Reason: "属于个人诉求"));

        var outcome = await new ProposalLifecycle().RunAsync(context.Object, Input());

        Assert.Equal(ProposalStage.Declined, outcome.Stage);
        Assert.Empty(refusals);
        var last = transitions[^1];
        Assert.Equal(("不予立案", ProposalStage.FilingReview, ProposalStage.Declined), (last.Audit.Action, last.Audit.From, last.Audit.To));
        Assert.Contains(last.Notifications, n => n.Recipient == Recipients.Person("d1") && n.Message.Contains("属于个人诉求", StringComparison.Ordinal));
        Assert.True(last.Outcome!.Accepted);
    }

    [Fact]
    public async Task A_decision_from_someone_without_the_right_role_is_refused_with_the_reason()
    {
        var notClerk = new Actor("h1", "王明", Role.Handler, "市科技局");
        var (context, transitions, refusals) = Mocked(
            new FilingDecided("r1", notClerk, FilingDecision.File),
            new KeyItemMarked("r2", notClerk, true));
        context.Setup(c => c.CallActivityAsync<bool>(It.Is<TaskName>(n => n.Name == nameof(RecordOutcome)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Callback<TaskName, object?, TaskOptions?>((_, input, _) => refusals.Add((OutcomeRecord)input!))
            .ReturnsAsync(true);

        var run = new ProposalLifecycle().RunAsync(context.Object, Input());

        Assert.False(run.IsCompleted);
        Assert.Equal(["r1", "r2"], refusals.Select(r => r.Outcome.RequestId));
        Assert.All(refusals, r => Assert.False(r.Outcome.Accepted));
        Assert.Contains("交办（督办）部门", refusals[0].Outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(ProposalStage.FilingReview, transitions[^1].Current.Stage);
    }

    [Fact]
    public async Task Filing_numbers_the_item_and_asks_for_assignment()
    {
        var (context, transitions, _) = Mocked(new FilingDecided("r1", Clerk, FilingDecision.File));
        context.Setup(c => c.CallActivityAsync<int>(It.Is<TaskName>(n => n.Name == nameof(AssignFilingNumber)), It.IsAny<object?>(), It.IsAny<TaskOptions?>())).ReturnsAsync(17);

        _ = new ProposalLifecycle().RunAsync(context.Object, Input());

        var filed = transitions[^1].Current;
        Assert.Equal((ProposalStage.AwaitingAssignment, 17), (filed.Stage, filed.FilingNumber));
    }
}
