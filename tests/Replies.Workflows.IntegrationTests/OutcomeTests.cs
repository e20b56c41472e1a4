using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Replies.Workflows.Lifecycle;
using static Replies.Workflows.IntegrationTests.LifecycleHarness;

namespace Replies.Workflows.IntegrationTests;

public sealed class OutcomeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Actor DeputyActor = new(Deputy.PersonId, Deputy.Name, Role.Proposer);

    [Fact]
    public async Task A_requests_first_outcome_stands_when_a_later_copy_is_judged_again()
    {
        await using var h = await StartAsync(azurite.ConnectionString);
        var at = new DateTime(2026, 3, 1, 2, 0, 0, DateTimeKind.Utc);
        await h.Ledger.RecordOutcomeAsync("2026-0999", new RequestOutcome("req-1", true, null, ProposalStage.AwaitingApproval, at));
        await h.Ledger.RecordOutcomeAsync("2026-0999", new RequestOutcome("req-1", false, "当前阶段为「待审签」，不能送审。", ProposalStage.AwaitingApproval, at.AddMinutes(1)));

        var stored = await h.Ledger.GetOutcomeAsync("2026-0999", "req-1");
        Assert.True(stored!.Accepted);
        Assert.Null(stored.Reason);
    }

    // The engine refuses an event to a lifecycle that has ended: a person's retry whose first attempt closed the item
    // (its answer lost with a host that died), or a decision that met the item just closed. The engine is the boundary
    // isolated here; the outcomes are stored and read in Azurite.
    [Fact]
    public async Task A_decision_an_ended_lifecycle_refuses_is_answered_by_its_own_outcome_or_as_too_late()
    {
        await using var h = await StartAsync(azurite.ConnectionString);
        const string id = "2026-0998";
        var engine = new Mock<DurableTaskClient>("ended");
        engine.Setup(c => c.RaiseEventAsync(id, It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("The orchestration instance with the provided instance id is not running."));
        var ended = new OrchestrationMetadata(nameof(ProposalLifecycle), id) { RuntimeStatus = OrchestrationRuntimeStatus.Completed };
        engine.Setup(c => c.GetInstanceAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(ended);
        engine.Setup(c => c.GetInstancesAsync(id, It.IsAny<bool>(), It.IsAny<CancellationToken>())).ReturnsAsync(ended);
        var sender = h.Services.GetRequiredService<DecisionSender>();
        await h.Ledger.RecordOutcomeAsync(id, new RequestOutcome("first-attempt", true, null, ProposalStage.Closed, h.Clock.GetUtcNow().UtcDateTime));

        var retried = await sender.SendAsync(engine.Object, id, new FeedbackGiven("first-attempt", DeputyActor, Rating.Satisfied), TimeSpan.FromSeconds(5));
        var late = await sender.SendAsync(engine.Object, id, new FeedbackGiven("too-late", DeputyActor, Rating.Satisfied), TimeSpan.FromSeconds(5));

        Assert.True(retried!.Accepted);
        Assert.False(late!.Accepted);
        Assert.Equal("本件已办结，此操作未执行。", late.Reason);
        Assert.Equal(late, await h.Ledger.GetOutcomeAsync(id, "too-late"));
    }

    [Fact]
    public async Task Unsatisfied_starts_re_handling_with_its_own_deadline_and_a_second_letter()
    {
        await using var h = await StartAsync(azurite.ConnectionString);
        var id = await h.DriveToDraftingAsync("2026-0201", withCoHandler: false);
        await h.DriveToApprovalAsync(id);
        await h.Expect(id, r => new ApprovalDecided(r, Leader, true));
        await h.WaitForAsync(id, s => s.Stage == ProposalStage.AwaitingFeedback);
        h.Clock.Advance(TimeSpan.FromDays(3));

        await h.Expect(id, r => new FeedbackGiven(r, DeputyActor, Rating.Unsatisfied, "措施不具体"));
        var again = await h.WaitForAsync(id, s => s.RehandlingRound == 1);
        Assert.Equal((ProposalStage.Drafting, new DateOnly(2026, 4, 5), false), (again.Stage, again.ReplyDue, again.ContactInRound));

        var noContact = await h.SendAsync(id, r => new SubmittedForApproval(r, Handler, 1, ResultClass.B, Disclosure.Full));
        Assert.False(noContact.Accepted);
        await h.DriveToApprovalAsync(id, "重新答复：已当面沟通，明确专项资金安排。");
        await h.Expect(id, r => new ApprovalDecided(r, Leader, true));
        await h.WaitForAsync(id, s => s.Stage == ProposalStage.AwaitingFeedback && s.Letters.Count == 2);
        await h.Expect(id, r => new FeedbackGiven(r, DeputyActor, Rating.BasicallySatisfied));
        var closed = await h.WaitForAsync(id, s => s.Stage == ProposalStage.Closed);

        Assert.Equal((Rating.BasicallySatisfied, 1), (closed.Rating, closed.RehandlingRound));
        Assert.Equal(["2026-0201/reply-r0.docx", "2026-0201/reply-r1.docx"], closed.Letters.Select(l => l.BlobName));
        Assert.True((await h.Storage.Letters.GetBlobClient("2026-0201/reply-r1.docx").ExistsAsync()).Value);
        Assert.Contains(await h.Store.GetAuditAsync(id), a => a.Action == "反馈不满意，重新办理" && a.From == ProposalStage.AwaitingFeedback);
    }

    [Fact]
    public async Task Unsatisfied_after_the_last_round_closes_the_item_as_unsatisfied()
    {
        await using var h = await StartAsync(azurite.ConnectionString, new Rules.RulesProfile { MaxRehandlingRounds = 0 });
        var id = await h.DriveToDraftingAsync("2026-0202", withCoHandler: false);
        await h.DriveToApprovalAsync(id);
        await h.Expect(id, r => new ApprovalDecided(r, Leader, true));
        await h.WaitForAsync(id, s => s.Stage == ProposalStage.AwaitingFeedback);
        await h.Expect(id, r => new FeedbackGiven(r, DeputyActor, Rating.Unsatisfied, "建议中的资金问题未解决。"));

        var closed = await h.WaitForAsync(id, s => s.IsFinal);
        Assert.Equal((ProposalStage.Closed, Rating.Unsatisfied), (closed.Stage, closed.Rating));
    }

    [Fact]
    public async Task A_merged_item_closes_and_its_proposer_is_answered_by_the_item_it_joined()
    {
        await using var h = await StartAsync(azurite.ConnectionString);
        var other = new Person("dep3", "陈委员");
        var main = await h.DriveToDraftingAsync("2026-0203", withCoHandler: false);
        var duplicate = await h.SubmitAsync("2026-0204", proposer: other, title: "关于支持科技创新平台建设的建议");

        await h.Expect(duplicate, r => new FilingDecided(r, Clerk, FilingDecision.Merge, MergeInto: main));
        var merged = await h.WaitForAsync(duplicate, s => s.IsFinal);
        Assert.Equal((ProposalStage.Merged, main), (merged.Stage, merged.MergedInto));
        var target = await h.WaitForAsync(main, s => s.MergedProposers.Count == 1);
        Assert.Equal([duplicate], target.MergedFrom);

        await h.DriveToApprovalAsync(main);
        await h.Expect(main, r => new ApprovalDecided(r, Leader, true));
        await h.WaitForAsync(main, s => s.Stage == ProposalStage.AwaitingFeedback);
        Assert.Contains(await h.NotificationsAsync(Recipients.Person(other.PersonId)), m => m.Contains("已答复", StringComparison.Ordinal));
        Assert.Equal("并案", (await RowsAsync(h.Storage.ItemsByPerson, other.PersonId)).Single(r => r.RowKey == main).GetString("Part"));
        Assert.Equal("Merged", (await RowsAsync(h.Storage.ItemsBySession, merged.Session)).Single(r => r.RowKey == duplicate).GetString("Stage"));
        Assert.Contains(await h.Store.GetAuditAsync(duplicate), a => a.Action == "并案" && a.From == ProposalStage.FilingReview && a.To == ProposalStage.Merged && a.ActorName == Clerk.Name);
        Assert.Contains(await h.Store.GetAuditAsync(main), a => a.Action == "并入" && a.Details == duplicate);
        var letter = (await h.Store.GetAsync(main))!.Letters.Single();
        Assert.True((await h.Storage.Letters.GetBlobClient(letter.BlobName).ExistsAsync()).Value);
        Assert.Single(await h.Drafts.ListAsync(main));
    }

    [Fact]
    public async Task A_declined_item_records_the_reason_and_takes_no_further_decisions()
    {
        await using var h = await StartAsync(azurite.ConnectionString);
        var id = await h.SubmitAsync("2026-0205");
        var noReason = await h.SendAsync(id, r => new FilingDecided(r, Clerk, FilingDecision.Decline));
        Assert.False(noReason.Accepted);
        await h.Expect(id, r => new FilingDecided(r, Clerk, FilingDecision.Decline, Reason: "涉及诉讼案件，不宜作为建议办理"));

        var declined = await h.WaitForAsync(id, s => s.IsFinal);
        Assert.Equal(ProposalStage.Declined, declined.Stage);
        Assert.Contains(await h.NotificationsAsync(Recipients.Person(Deputy.PersonId)), m => m.Contains("涉及诉讼案件", StringComparison.Ordinal));
        var done = await h.Client.WaitForInstanceCompletionAsync(id, true, new CancellationTokenSource(30_000).Token);
        Assert.Equal(ProposalStage.Declined, done.ReadOutputAs<ProposalOutcome>()!.Stage);
        Assert.Equal("Declined", (await RowsAsync(h.Storage.ItemsBySession, declined.Session)).Single().GetString("Stage"));
        var audit = await h.Store.GetAuditAsync(id);
        Assert.Equal(["提交", "不予立案"], audit.Select(a => a.Action));
        Assert.Equal((ProposalStage.FilingReview, ProposalStage.Declined, "涉及诉讼案件，不宜作为建议办理"), (audit[^1].From, audit[^1].To, audit[^1].Details));
        Assert.Empty(await h.Drafts.ListAsync(id));
        Assert.Empty(declined.Letters);
    }

    [Fact]
    public async Task Co_signers_who_do_not_confirm_in_time_are_left_off()
    {
        await using var h = await StartAsync(azurite.ConnectionString);
        var silent = new Person("dep4", "孙代表");
        var id = await h.SubmitAsync("2026-0206", coSigners: [CoSigner, silent]);
        await h.Expect(id, r => new CoSignAnswered(r, new Actor(CoSigner.PersonId, CoSigner.Name, Role.Proposer), true));

        h.Clock.Advance(TimeSpan.FromDays(8));
        var filing = await h.WaitForAsync(id, s => s.Stage == ProposalStage.FilingReview);
        Assert.Equal([CoSigner], filing.CoSigners);
        Assert.Empty(filing.PendingCoSigners);
        Assert.Contains(await h.NotificationsAsync(Recipients.Person(Deputy.PersonId)), m => m.Contains("孙代表未确认", StringComparison.Ordinal));
    }
}
