using Replies.Workflows.Lifecycle;
using static Replies.Workflows.IntegrationTests.LifecycleHarness;

namespace Replies.Workflows.IntegrationTests;

public sealed class DeadlineTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Re_assignment_asked_inside_the_window_moves_the_item_and_outside_it_is_refused()
    {
        await using var h = await StartAsync(azurite.ConnectionString);
        var id = await h.SubmitAsync("2026-0101");
        await h.Expect(id, r => new FilingDecided(r, Clerk, FilingDecision.File));
        await h.Expect(id, r => new Assigned(r, Clerk, "市工信局", [CoHandler]));
        var wrongLead = new Actor("h9", "周承办", Role.Handler, "市工信局");

        await h.Expect(id, r => new ReassignmentRequested(r, wrongLead, "职能不符，应由科技部门主办"));
        await h.Expect(id, r => new ReassignmentDecided(r, Clerk, "市工信局", true, Lead));
        var moved = await h.WaitForAsync(id, s => s.LeadDepartment == Lead);
        Assert.Equal(ProposalStage.AwaitingSignOff, moved.Stage);
        // The department it left keeps a row marked gone (readers catching up by time see it leave).
        Assert.True((await RowsAsync(h.Storage.ItemsByDepartment, "市工信局")).Single().GetBoolean("Gone"));
        Assert.False((await RowsAsync(h.Storage.ItemsByDepartment, Lead)).Single().GetBoolean("Gone"));

        // Five working days after re-assignment on Mon 2026-03-02 end on Mon 2026-03-09; on the 10th it is too late.
        h.Clock.Advance(TimeSpan.FromDays(8));
        var late = await h.SendAsync(id, r => new ReassignmentRequested(r, CoHandlerStaff, "不涉及本单位职责"));
        Assert.False(late.Accepted);
        Assert.Contains("已超过调整申请期限", late.Reason, StringComparison.Ordinal);

        // The lead never signed: the window closing counts as signing, and the clerk is told.
        var deemed = await h.WaitForAsync(id, s => s.Stage == ProposalStage.Drafting);
        Assert.Contains(Lead, deemed.SignedDepartments);
        Assert.Contains(await h.Store.GetAuditAsync(id), a => a.Action == "逾期未签收，视为签收");
        Assert.Contains(await h.NotificationsAsync(Recipients.ClerkOffice), m => m.Contains("逾期未签收", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_late_co_handler_is_reminded_then_escalated_and_its_late_opinion_still_reaches_the_lead()
    {
        await using var h = await StartAsync(azurite.ConnectionString);
        var id = await h.DriveToDraftingAsync("2026-0102");
        var coHandling = CoHandlingOpinion.InstanceIdFor(id, CoHandler);

        // Opinion due one month after assignment: 2026-04-02. Pass it.
        h.Clock.Advance(TimeSpan.FromDays(32));
        await WaitAsync(async () => (await h.NotificationsAsync(Recipients.Department(CoHandler))).Any(m => m.StartsWith("督办", StringComparison.Ordinal)));
        var dept = await h.NotificationsAsync(Recipients.Department(CoHandler));
        Assert.Contains(dept, m => m.StartsWith("催办", StringComparison.Ordinal));
        Assert.Contains(await h.NotificationsAsync(Recipients.ClerkOffice), m => m.Contains("未按期提交", StringComparison.Ordinal));

        await h.RaiseAsync(coHandling, new CoHandlingOpinionSent("late-op", CoHandlerStaff, "同意主办单位意见。"));
        var result = await h.Client.WaitForInstanceCompletionAsync(coHandling, true, new CancellationTokenSource(30_000).Token);
        Assert.True(result.ReadOutputAs<CoHandlingResult>()!.Late);
        var row = (await RowsAsync(h.Storage.Opinions, id)).Single();
        Assert.Equal((true, "同意主办单位意见。"), (row.GetBoolean("Late"), row.GetString("Opinion")));
        Assert.Contains(await h.NotificationsAsync(Recipients.Department(Lead)), m => m.Contains("已提交", StringComparison.Ordinal));

        // The lead's reply goes on regardless and copies the co-handler.
        await h.DriveToApprovalAsync(id);
        await h.Expect(id, r => new ApprovalDecided(r, Leader, true));
        var replied = await h.WaitForAsync(id, s => s.Stage == ProposalStage.AwaitingFeedback);
        Assert.Contains(await h.NotificationsAsync(Recipients.Department(CoHandler)), m => m.StartsWith("抄送", StringComparison.Ordinal));
        Assert.Equal("co", (await RowsAsync(h.Storage.ItemsByDepartment, CoHandler)).Single().GetString("Part"));
        Assert.Contains(await h.Store.GetAuditAsync(id), a => a.Action == "交办" && a.Details!.Contains(CoHandler, StringComparison.Ordinal));
        Assert.True((await h.Storage.Letters.GetBlobClient(replied.Letters.Single().BlobName).ExistsAsync()).Value);
    }

    [Fact]
    public async Task An_extension_is_granted_within_the_maximum_and_refused_beyond_it()
    {
        await using var h = await StartAsync(azurite.ConnectionString);
        var id = await h.DriveToDraftingAsync("2026-0103", withCoHandler: false);
        Assert.StartsWith("2026-06", (await OpenRowAsync(h, id)).GetString("ReplyDue"), StringComparison.Ordinal);

        await h.Expect(id, r => new ExtensionRequested(r, Handler, new DateOnly(2026, 8, 1), "需会同多部门调研"));
        await h.Expect(id, r => new ExtensionDecided(r, Clerk, true));
        var extended = await h.WaitForAsync(id, s => s.ReplyDue == new DateOnly(2026, 8, 1));
        Assert.Equal(1, extended.ExtensionsGranted);
        Assert.Equal("2026-08-01", (await OpenRowAsync(h, id)).GetString("ReplyDue"));
        Assert.Contains(await h.NotificationsAsync(Recipients.Person(Deputy.PersonId)), m => m.Contains("延至2026年8月1日", StringComparison.Ordinal));

        // Six months from assignment (2026-03-02) is 2026-09-02: no further.
        await h.Expect(id, r => new ExtensionRequested(r, Handler, new DateOnly(2026, 10, 1), "仍需时间"));
        var beyond = await h.SendAsync(id, r => new ExtensionDecided(r, Clerk, true));
        Assert.False(beyond.Accepted);
        Assert.Contains("不得超过", beyond.Reason, StringComparison.Ordinal);
        var refused = await h.SendAsync(id, r => new ExtensionDecided(r, Clerk, false, Comment: "请按期答复"));
        Assert.True(refused.Accepted);
        var after = await h.WaitForAsync(id, s => s.PendingExtension is null);
        Assert.Equal(new DateOnly(2026, 8, 1), after.ReplyDue);
        Assert.Contains(await h.Store.GetAuditAsync(id), a => a.Action == "不同意延期");
        Assert.Contains(await h.Store.GetAuditAsync(id), a => a.Action == "同意延期" && a.Details == "至2026年8月1日");
        Assert.Contains(await h.NotificationsAsync(Recipients.ClerkOffice), m => m.Contains("申请将", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_item_not_replied_in_three_months_is_reminded_before_and_escalated_at_the_deadline()
    {
        await using var h = await StartAsync(azurite.ConnectionString);
        var id = await h.DriveToDraftingAsync("2026-0104", withCoHandler: false);

        async Task<int> Reminders() => (await h.NotificationsAsync(Recipients.Department(Lead))).Count(m => m.StartsWith("催办", StringComparison.Ordinal));
        h.Clock.Advance(TimeSpan.FromDays(80)); // 2026-05-21: past the 15-day reminder (05-18)
        await WaitAsync(async () => await Reminders() >= 1);
        // Once the item waits for the 5-day reminder (05-28, still ahead), nothing more can go out until the clock moves.
        await h.WaitForAlarmAsync(id, "remind5:");
        Assert.True(await Reminders() == 1, string.Join(" / ", await h.NotificationsAsync(Recipients.Department(Lead))));
        h.Clock.Advance(TimeSpan.FromDays(8)); // 2026-05-29: past the 5-day reminder (05-28)
        await WaitAsync(async () => await Reminders() == 2);
        Assert.False((await h.Store.GetAsync(id))!.Overdue);
        h.Clock.Advance(TimeSpan.FromDays(5)); // 2026-06-03: past the deadline 06-02
        var overdue = await h.WaitForAsync(id, s => s.Overdue);

        var lead = await h.NotificationsAsync(Recipients.Department(Lead));
        Assert.Equal(2, lead.Count(m => m.StartsWith("催办", StringComparison.Ordinal)));
        Assert.Single(lead, m => m.StartsWith("督办", StringComparison.Ordinal));
        Assert.Contains(await h.Store.GetAuditAsync(id), a => a.Action == "超期督办");
        Assert.True((await RowsAsync(h.Storage.ItemsBySession, overdue.Session)).Single().GetBoolean("Overdue"));

        // Replying late is still possible and is recorded as not on time.
        await h.DriveToApprovalAsync(id);
        await h.Expect(id, r => new ApprovalDecided(r, Leader, true));
        var replied = await h.WaitForAsync(id, s => s.Stage == ProposalStage.AwaitingFeedback);
        Assert.False(replied.RepliedOnTime);
        Assert.False(Replies.Workflows.ReadModel.ItemRow.FromEntity(await OpenRowAsync(h, id)).DeadlineRunning);
        Assert.Single(await h.Drafts.ListAsync(id));
        Assert.True((await h.Storage.Letters.GetBlobClient(replied.Letters.Single().BlobName).ExistsAsync()).Value);
    }

    [Fact]
    public async Task The_proposer_is_reminded_before_the_feedback_window_closes_and_no_feedback_closes_the_item()
    {
        await using var h = await StartAsync(azurite.ConnectionString);
        var id = await h.DriveToDraftingAsync("2026-0105", withCoHandler: false);
        await h.DriveToApprovalAsync(id);
        await h.Expect(id, r => new ApprovalDecided(r, Leader, true));
        var replied = await h.WaitForAsync(id, s => s.Stage == ProposalStage.AwaitingFeedback);
        var due = replied.FeedbackDue!.Value;

        async Task<List<string>> Reminders() => [.. (await h.NotificationsAsync(Recipients.Person(Deputy.PersonId))).Where(m => m.Contains("满意度测评", StringComparison.Ordinal))];
        await h.WaitForAlarmAsync(id, "fbremind5:");
        Assert.Empty(await Reminders());
        // Three days before the window closes: past the 5-day reminder, not yet closed.
        h.Clock.Advance(due.AddDays(-3).ToDateTime(new TimeOnly(12, 0)) - h.Clock.GetUtcNow().UtcDateTime);
        await WaitAsync(async () => (await Reminders()).Count == 1);
        Assert.Contains($"{due.Month}月{due.Day}日", (await Reminders()).Single(), StringComparison.Ordinal);
        await h.WaitForAlarmAsync(id, "feedback:");
        Assert.Equal(ProposalStage.AwaitingFeedback, (await h.Store.GetAsync(id))!.Stage);

        h.Clock.Advance(TimeSpan.FromDays(10));
        var closed = await h.WaitForAsync(id, s => s.Stage == ProposalStage.Closed);
        Assert.Equal(Rating.NoAnswer, closed.Rating);
        Assert.Single(await Reminders());
    }

    private static Task WaitAsync(Func<Task<bool>> condition) =>
        Eventually.TrueAsync(condition, TimeSpan.FromSeconds(60), "condition never held", TimeSpan.FromMilliseconds(50));
}
