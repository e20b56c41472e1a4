using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Moq;
using Moq.Protected;
using Replies.Workflows.Deadlines;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Rules;
using Replies.Workflows.Storage;
using static Replies.Workflows.UnitTests.People;

namespace Replies.Workflows.UnitTests;

/// <summary>
/// The orchestration's handling of each of its 15 decision events and of a deadline, with the context mocked as Durable
/// Functions users test theirs: each event is handed to the waiting orchestration and the test waits for the activity
/// that records its outcome.
/// </summary>
public sealed class LifecycleDecisionTests
{
    [Fact]
    public async Task A_co_signer_confirming_moves_the_item_to_filing_review()
    {
        var run = MockedLifecycle.Start(coSigners: [CoSigner]);
        Assert.Equal(ProposalStage.CoSigning, run.State.Stage);

        var outcome = await run.DeliverAsync(new CoSignAnswered("r1", new Actor(CoSigner.PersonId, CoSigner.Name, Role.Proposer), true));

        Assert.True(outcome.Accepted);
        Assert.Equal(ProposalStage.FilingReview, run.State.Stage);
        Assert.Equal([CoSigner], run.State.CoSigners);
    }

    [Fact]
    public async Task Filing_numbers_the_item_and_asks_for_assignment()
    {
        var run = MockedLifecycle.Start();
        await run.DeliverAsync(new FilingDecided("r1", Clerk, FilingDecision.File));
        Assert.Equal((ProposalStage.AwaitingAssignment, 17), (run.State.Stage, run.State.FilingNumber));
    }

    [Fact]
    public async Task A_declined_item_closes_with_the_reason_and_tells_the_proposer()
    {
        var run = MockedLifecycle.Start();
        await run.DeliverAsync(new FilingDecided("r1", Clerk, FilingDecision.Decline, Reason: "属于个人诉求"));

        var outcome = await run.Completion;
        Assert.Equal(ProposalStage.Declined, outcome.Stage);
        var last = run.Transitions[^1];
        Assert.Equal(("不予立案", ProposalStage.FilingReview, ProposalStage.Declined), (last.Audit.Action, last.Audit.From, last.Audit.To));
        Assert.Contains(last.Notifications, n => n.Recipient == Recipients.Person("d1") && n.Message.Contains("属于个人诉求", StringComparison.Ordinal));
        Assert.Null(last.Alarm!.Key);
    }

    [Fact]
    public async Task A_merged_item_tells_the_item_it_joins_to_answer_its_proposers()
    {
        var run = MockedLifecycle.Start();
        await run.DeliverAsync(new FilingDecided("r1", Clerk, FilingDecision.Merge, MergeInto: "2026-0009"));

        Assert.Equal(ProposalStage.Merged, (await run.Completion).Stage);
        var notice = Assert.IsType<MergeNotice>(Assert.Single(run.Calls(nameof(NotifyMergeTarget))));
        Assert.Equal(("2026-0009", "2026-0001"), (notice.TargetProposalId, notice.FromProposalId));
    }

    [Fact]
    public async Task The_item_merged_into_answers_the_merged_proposers_too()
    {
        var run = MockedLifecycle.Start();
        await run.DeliverAsync(new ProposersMergedIn("r1", Clerk, "2026-0002", [CoSigner]));
        Assert.Contains(CoSigner, run.State.MergedProposers);
        Assert.Contains("2026-0002", run.State.MergedFrom);
    }

    [Fact]
    public async Task Assignment_names_the_lead_starts_each_co_handler_and_opens_the_sign_for_window()
    {
        var run = await MockedLifecycle.FiledAsync();
        await run.DeliverAsync(new Assigned("r2", Clerk, "市科技局", ["市发改委"]));

        Assert.Equal((ProposalStage.AwaitingSignOff, "市科技局"), (run.State.Stage, run.State.LeadDepartment));
        Assert.Equal(["市发改委"], run.State.CoHandlers);
        Assert.NotNull(run.State.ReplyDue);
        var coHandling = Assert.Single(run.SubOrchestrations);
        Assert.Equal("市发改委", coHandling.Department);
        Assert.StartsWith("signoff:", run.Transitions[^1].Alarm!.Key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_for_opens_drafting()
    {
        var run = await MockedLifecycle.AssignedAsync();
        await run.DeliverAsync(new SignedFor("r3", Handler));
        Assert.Equal(ProposalStage.Drafting, run.State.Stage);
        Assert.StartsWith("remind15:", run.Transitions[^1].Alarm!.Key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_re_assignment_request_is_decided_by_the_clerk_and_moves_the_lead()
    {
        var run = await MockedLifecycle.AssignedAsync();
        await run.DeliverAsync(new ReassignmentRequested("r3", Handler, "职能不符"));
        Assert.Single(run.State.PendingReassignments);

        await run.DeliverAsync(new ReassignmentDecided("r4", Clerk, "市科技局", true, "市工信局"));

        Assert.Equal("市工信局", run.State.LeadDepartment);
        Assert.Empty(run.State.PendingReassignments);
    }

    [Fact]
    public async Task Contact_with_the_proposer_is_recorded()
    {
        var run = await MockedLifecycle.DraftingAsync();
        await run.DeliverAsync(new ContactRecorded("r4", Handler, new DateOnly(2026, 3, 10), "座谈", "当面听取意见"));
        Assert.Equal("座谈", Assert.Single(run.State.Contacts).Form);
    }

    [Fact]
    public async Task Sending_a_draft_for_approval_needs_contact_first()
    {
        var run = await MockedLifecycle.DraftingAsync();
        var refused = await run.DeliverAsync(new SubmittedForApproval("r4", Handler, 1, ResultClass.B, Disclosure.Full));
        Assert.False(refused.Accepted);

        await run.DeliverAsync(new ContactRecorded("r5", Handler, new DateOnly(2026, 3, 10), "座谈", "当面听取意见"));
        var accepted = await run.DeliverAsync(new SubmittedForApproval("r6", Handler, 1, ResultClass.B, Disclosure.Full, "张承办", "0375-2345678"));
        Assert.True(accepted.Accepted);
        Assert.Equal((ProposalStage.AwaitingApproval, 1), (run.State.Stage, run.State.DraftVersion));
    }

    [Fact]
    public async Task The_leader_returns_a_draft_with_comments_then_approves_and_the_letter_is_issued()
    {
        var run = await MockedLifecycle.AwaitingApprovalAsync();
        await run.DeliverAsync(new ApprovalDecided("r7", Leader, false, "请补充下一步打算"));
        Assert.Equal((ProposalStage.Drafting, "请补充下一步打算"), (run.State.Stage, run.State.ReturnComments));

        await run.DeliverAsync(new SubmittedForApproval("r8", Handler, 2, ResultClass.A, Disclosure.Full));
        await run.DeliverAsync(new ApprovalDecided("r9", Leader, true));

        Assert.Equal(ProposalStage.AwaitingFeedback, run.State.Stage);
        Assert.StartsWith($"fbremind5:{run.State.FeedbackDue:yyyyMMdd}", run.Transitions[^1].Alarm!.Key, StringComparison.Ordinal);
        Assert.Single(run.State.Letters);
        var letter = Assert.IsType<LetterRequest>(Assert.Single(run.Calls(nameof(RenderReplyLetter))));
        Assert.Equal(2, letter.DraftVersion);
    }

    [Fact]
    public async Task With_clerk_review_the_clerk_may_change_the_class_before_issue()
    {
        var run = await MockedLifecycle.AwaitingApprovalAsync(new RulesProfile { ClerkReviewBeforeIssue = true });
        await run.DeliverAsync(new ApprovalDecided("r7", Leader, true));
        Assert.Equal(ProposalStage.AwaitingClerkReview, run.State.Stage);

        await run.DeliverAsync(new ClerkReviewed("r8", Clerk, true, ResultClass.A));

        Assert.Equal((ProposalStage.AwaitingFeedback, ResultClass.A), (run.State.Stage, run.State.ResultClass));
    }

    [Fact]
    public async Task Satisfied_feedback_closes_the_item_and_unsatisfied_starts_re_handling()
    {
        var satisfied = await MockedLifecycle.RepliedAsync();
        await satisfied.DeliverAsync(new FeedbackGiven("f1", Proposer, Rating.Satisfied));
        Assert.Equal((ProposalStage.Closed, Rating.Satisfied), ((await satisfied.Completion).Stage, satisfied.State.Rating));

        var unsatisfied = await MockedLifecycle.RepliedAsync();
        await unsatisfied.DeliverAsync(new FeedbackGiven("f1", Proposer, Rating.Unsatisfied, "答复没有针对性"));
        Assert.Equal((ProposalStage.Drafting, 1), (unsatisfied.State.Stage, unsatisfied.State.RehandlingRound));
    }

    [Fact]
    public async Task An_extension_is_asked_by_the_lead_and_granted_by_the_clerk()
    {
        var run = await MockedLifecycle.DraftingAsync();
        var until = run.State.ReplyDue!.Value.AddMonths(1);
        await run.DeliverAsync(new ExtensionRequested("r4", Handler, until, "需会同多部门调研"));
        Assert.NotNull(run.State.PendingExtension);

        await run.DeliverAsync(new ExtensionDecided("r5", Clerk, true));

        Assert.Equal((until, 1), (run.State.ReplyDue, run.State.ExtensionsGranted));
        Assert.Contains(until.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), run.Transitions[^1].Alarm!.Key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_clerk_marks_a_key_item()
    {
        var run = await MockedLifecycle.FiledAsync();
        await run.DeliverAsync(new KeyItemMarked("r2", Clerk, true, "王副市长"));
        Assert.Equal((true, "王副市长"), (run.State.IsKey, run.State.SupervisingLeader));
    }

    [Fact]
    public async Task A_decision_from_someone_without_the_right_role_is_refused_with_the_reason()
    {
        var run = MockedLifecycle.Start();
        var refused = await run.DeliverAsync(new FilingDecided("r1", CoHandler, FilingDecision.File));
        var refusedKey = await run.DeliverAsync(new KeyItemMarked("r2", CoHandler, true));

        Assert.False(run.Completion.IsCompleted);
        Assert.All([refused, refusedKey], o => Assert.False(o.Accepted));
        Assert.Contains("交办（督办）部门", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(ProposalStage.FilingReview, run.State.Stage);
    }

    [Fact]
    public async Task The_sign_for_window_closing_counts_as_signing_and_a_stale_deadline_is_ignored()
    {
        var run = await MockedLifecycle.AssignedAsync();
        var alarm = run.Transitions[^1].Alarm!;
        var before = run.Transitions.Count;

        // Events are taken in order: the stale one is handled (ignored) before the real one causes its transition.
        await run.DeliverDeadlineAsync(new DeadlineReached("filing:20260101", alarm.At!.Value.AddMinutes(-1)), expectTransition: false);
        await run.DeliverDeadlineAsync(new DeadlineReached(alarm.Key!, alarm.At!.Value.AddMinutes(1)));

        Assert.Equal(before + 1, run.Transitions.Count);
        Assert.Equal(ProposalStage.Drafting, run.State.Stage);
        Assert.Equal("逾期未签收，视为签收", run.Transitions[^1].Audit.Action);
        Assert.Equal(alarm.At.Value.AddMinutes(1), run.State.UpdatedAt);
    }

    [Fact]
    public async Task Each_transition_and_refusal_is_logged_once_and_nothing_while_replaying()
    {
        var run = MockedLifecycle.Start();
        await run.DeliverAsync(new FilingDecided("r1", Clerk, FilingDecision.File));
        var refused = await run.DeliverAsync(new SignedFor("r2", Handler));
        Assert.False(refused.Accepted);
        Assert.Contains(run.Logged.Lines, l => l.Contains("2026-0001 #2 立案: FilingReview → AwaitingAssignment (r1)", StringComparison.Ordinal));
        Assert.Single(run.Logged.Lines, l => l.Contains("refused SignedFor (r2)", StringComparison.Ordinal));

        var replay = MockedLifecycle.Start(replaying: true);
        await replay.DeliverAsync(new FilingDecided("r1", Clerk, FilingDecision.File));
        Assert.Equal(ProposalStage.AwaitingAssignment, replay.State.Stage);
        Assert.Empty(replay.Logged.Lines);
    }

    /// <summary>A logger factory that keeps every line its loggers write.</summary>
    private sealed class CapturedLogs : ILoggerFactory, ILogger
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue(formatter(state, exception));

        public void Dispose()
        {
        }
    }

    /// <summary>The orchestration over a mocked context; each event wait is a task the test completes.</summary>
    private sealed class MockedLifecycle
    {
        private readonly Mock<TaskOrchestrationContext> _context = new();
        private readonly Dictionary<string, Action<object>> _waits = new(StringComparer.Ordinal);
        private readonly Dictionary<string, TaskCompletionSource<RequestOutcome>> _outcomes = new(StringComparer.Ordinal);
        private readonly List<(string Name, object? Input)> _calls = [];
        private TaskCompletionSource _recorded = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private MockedLifecycle(RulesProfile rules, IReadOnlyList<Person> coSigners, bool replaying = false)
        {
            // The engine's replay-safe logger asks the context whether it replays; what it lets through is kept.
            _context.Setup(c => c.IsReplaying).Returns(replaying);
            _context.Protected().Setup<ILoggerFactory>("LoggerFactory").Returns(Logged);
            _context.Setup(c => c.CreateReplaySafeLogger(It.IsAny<string>())).CallBase();
            _context.SetupGet(c => c.InstanceId).Returns("2026-0001");
            _context.SetupGet(c => c.CurrentUtcDateTime).Returns(new DateTime(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc));
            _context.Setup(c => c.CallActivityAsync<WorkingDate>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
                .Returns<TaskName, object?, TaskOptions?>((_, input, _) =>
                {
                    var request = (WorkingDaysRequest)input!;
                    return Task.FromResult(new WorkingDate(request.From.AddDays(request.Days * 7 / 5), false));
                });
            _context.Setup(c => c.CallActivityAsync<int>(It.Is<TaskName>(n => n.Name == nameof(AssignFilingNumber)), It.IsAny<object?>(), It.IsAny<TaskOptions?>())).ReturnsAsync(17);
            _context.Setup(c => c.CallActivityAsync<LetterInfo>(It.Is<TaskName>(n => n.Name == nameof(RenderReplyLetter)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
                .Returns<TaskName, object?, TaskOptions?>((name, input, _) =>
                {
                    _calls.Add((name.Name, input));
                    var r = (LetterRequest)input!;
                    return Task.FromResult(new LetterInfo($"{r.Proposal.ProposalId}/reply-r{r.Proposal.RehandlingRound}.docx", "政办函〔2026〕1号", r.DraftVersion, r.IssuedAt, r.SignedBy));
                });
            _context.Setup(c => c.CallActivityAsync<bool>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
                .Returns<TaskName, object?, TaskOptions?>((name, input, _) =>
                {
                    _calls.Add((name.Name, input));
                    if (input is OutcomeRecord o)
                    {
                        Resolve(o.Outcome);
                    }

                    return Task.FromResult(true);
                });
            // A transition answers the key of what holds its sequence: its own, as storage would when nothing raced it.
            _context.Setup(c => c.CallActivityAsync<string>(It.Is<TaskName>(n => n.Name == nameof(RecordTransition)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
                .Returns<TaskName, object?, TaskOptions?>((name, input, _) =>
                {
                    _calls.Add((name.Name, input));
                    var t = (TransitionRecord)input!;
                    Transitions.Add(t);
                    Resolve(t.Outcome);
                    _recorded.TrySetResult();
                    return Task.FromResult(TransitionWriter.TransitionKey(t));
                });
            _context.Setup(c => c.CallSubOrchestratorAsync<CoHandlingResult>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
                .Returns<TaskName, object?, TaskOptions?>((_, input, _) =>
                {
                    SubOrchestrations.Add((CoHandlingInput)input!);
                    return new TaskCompletionSource<CoHandlingResult>().Task;
                });
            Watch<CoSignAnswered>(); Watch<FilingDecided>(); Watch<Assigned>(); Watch<SignedFor>(); Watch<ReassignmentRequested>();
            Watch<ReassignmentDecided>(); Watch<ContactRecorded>(); Watch<SubmittedForApproval>(); Watch<ApprovalDecided>(); Watch<ClerkReviewed>();
            Watch<FeedbackGiven>(); Watch<ExtensionRequested>(); Watch<ExtensionDecided>(); Watch<KeyItemMarked>(); Watch<ProposersMergedIn>();
            Watch<DeadlineReached>();
            var input = new ProposalLifecycleInput(
                new ProposalSubmission("2026-0001", ProposalKind.Suggestion, "市人大十二届三次会议", "关于加强科技创新促进产业发展的建议", "正文", "科技", Deputy, coSigners),
                rules)
            { At = new DateTime(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc) };
            Completion = new ProposalLifecycle().RunAsync(_context.Object, input);
        }

        public List<TransitionRecord> Transitions { get; } = [];

        public CapturedLogs Logged { get; } = new();

        public List<CoHandlingInput> SubOrchestrations { get; } = [];

        public Task<ProposalOutcome> Completion { get; }

        public ProposalSnapshot State => Transitions[^1].Current;

        public static MockedLifecycle Start(RulesProfile? rules = null, IReadOnlyList<Person>? coSigners = null, bool replaying = false) => new(rules ?? new RulesProfile(), coSigners ?? [], replaying);

        public static async Task<MockedLifecycle> FiledAsync(RulesProfile? rules = null)
        {
            var run = Start(rules);
            await run.DeliverAsync(new FilingDecided("r1", Clerk, FilingDecision.File));
            return run;
        }

        public static async Task<MockedLifecycle> AssignedAsync(RulesProfile? rules = null)
        {
            var run = await FiledAsync(rules);
            await run.DeliverAsync(new Assigned("r2", Clerk, "市科技局", []));
            return run;
        }

        public static async Task<MockedLifecycle> DraftingAsync(RulesProfile? rules = null)
        {
            var run = await AssignedAsync(rules);
            await run.DeliverAsync(new SignedFor("r3", Handler));
            return run;
        }

        public static async Task<MockedLifecycle> AwaitingApprovalAsync(RulesProfile? rules = null)
        {
            var run = await DraftingAsync(rules);
            await run.DeliverAsync(new ContactRecorded("r4", Handler, new DateOnly(2026, 3, 10), "座谈", "当面听取意见"));
            await run.DeliverAsync(new SubmittedForApproval("r5", Handler, 1, ResultClass.B, Disclosure.Full, "张承办", "0375-2345678"));
            return run;
        }

        public static async Task<MockedLifecycle> RepliedAsync()
        {
            var run = await AwaitingApprovalAsync();
            await run.DeliverAsync(new ApprovalDecided("r6", Leader, true));
            return run;
        }

        public IEnumerable<object?> Calls(string activity) => _calls.Where(c => c.Name == activity).Select(c => c.Input);

        /// <summary>Hands a decision to the waiting orchestration and returns the outcome it records.</summary>
        public async Task<RequestOutcome> DeliverAsync(ProposalAction action)
        {
            var outcome = _outcomes[action.RequestId] = new TaskCompletionSource<RequestOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waits[action.EventName](action with { At = State.UpdatedAt.AddMinutes(5) });
            // The outcome, or the orchestration's end (a failure, or a finish that recorded none), whichever comes first.
            await Task.WhenAny(outcome.Task, Completion).WaitAsync(TimeSpan.FromSeconds(10));
            if (Completion.IsFaulted)
            {
                throw new InvalidOperationException("the orchestration failed", Completion.Exception);
            }

            return outcome.Task.IsCompleted ? await outcome.Task : throw new InvalidOperationException($"the orchestration ended without an outcome of {action.RequestId}");
        }

        /// <summary>Hands a deadline to the orchestration; waits for the transition it causes when one is expected.</summary>
        public async Task DeliverDeadlineAsync(DeadlineReached deadline, bool expectTransition = true)
        {
            _recorded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waits[nameof(DeadlineReached)](deadline);
            if (expectTransition)
            {
                await _recorded.Task.WaitAsync(TimeSpan.FromSeconds(10));
            }
        }

        private void Watch<T>()
            where T : notnull =>
            _context.Setup(c => c.WaitForExternalEvent<T>(typeof(T).Name, It.IsAny<CancellationToken>())).Returns(() =>
            {
                var wait = new TaskCompletionSource<T>();
                _waits[typeof(T).Name] = e => wait.SetResult((T)e);
                return wait.Task;
            });

        private void Resolve(RequestOutcome? outcome)
        {
            if (outcome is not null && _outcomes.TryGetValue(outcome.RequestId, out var waiting))
            {
                waiting.TrySetResult(outcome);
            }
        }
    }
}
