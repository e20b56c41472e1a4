using Replies.Workflows.Lifecycle;
using static Replies.Workflows.IntegrationTests.LifecycleHarness;

namespace Replies.Workflows.IntegrationTests;

public sealed class ConcurrencyTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Two_approvals_at_once_take_effect_once_and_the_other_is_told_why()
    {
        await using var h = await StartAsync(azurite.ConnectionString);
        var id = await h.DriveToDraftingAsync("2026-0301", withCoHandler: false);
        await h.DriveToApprovalAsync(id);

        var a = new ApprovalDecided("both-1", Leader, true);
        var b = new ApprovalDecided("both-2", Leader2, true);
        await Task.WhenAll(h.RaiseAsync(id, a), h.RaiseAsync(id, b));
        var outcomes = await Task.WhenAll(h.OutcomeAsync(id, a.RequestId), h.OutcomeAsync(id, b.RequestId));

        Assert.Single(outcomes, o => o.Accepted);
        var loser = Assert.Single(outcomes, o => !o.Accepted);
        Assert.Contains("已答复待反馈", loser.Reason, StringComparison.Ordinal);
        var replied = await h.WaitForAsync(id, s => s.Stage == ProposalStage.AwaitingFeedback);
        Assert.Single(replied.Letters);
        Assert.Single(await h.Store.GetAuditAsync(id), e => e.Action == "审签同意并答复");
    }

    [Fact]
    public async Task An_approval_racing_a_return_leaves_exactly_one_decision_in_force()
    {
        await using var h = await StartAsync(azurite.ConnectionString);
        var id = await h.DriveToDraftingAsync("2026-0302", withCoHandler: false);
        await h.DriveToApprovalAsync(id);

        var approve = new ApprovalDecided("race-approve", Leader, true);
        var ret = new ApprovalDecided("race-return", Leader2, false, "再斟酌");
        await Task.WhenAll(h.RaiseAsync(id, ret), h.RaiseAsync(id, approve));
        var outcomes = await Task.WhenAll(h.OutcomeAsync(id, approve.RequestId), h.OutcomeAsync(id, ret.RequestId));

        Assert.Single(outcomes, o => o.Accepted);
        var state = await h.Store.GetAsync(id);
        var winner = outcomes.Single(o => o.Accepted).RequestId;
        Assert.Equal(winner == approve.RequestId ? ProposalStage.AwaitingFeedback : ProposalStage.Drafting, state!.Stage);
        var audit = await h.Store.GetAuditAsync(id);
        Assert.Equal(1, audit.Count(e => e.Action is "审签同意并答复" or "退回修改"));
    }

    [Fact]
    public async Task A_retried_request_is_applied_once()
    {
        await using var h = await StartAsync(azurite.ConnectionString);
        var id = await h.DriveToDraftingAsync("2026-0303", withCoHandler: false);
        var contact = new ContactRecorded("same-request", Handler, new DateOnly(2026, 3, 5), "电话", "沟通办理思路");

        await h.RaiseAsync(id, contact);
        await h.RaiseAsync(id, contact);
        await h.OutcomeAsync(id, contact.RequestId);
        await h.Expect(id, r => new KeyItemMarked(r, Clerk, true, "王副市长"));

        var state = await h.WaitForAsync(id, s => s.IsKey);
        Assert.Single(state.Contacts);
    }

    [Fact]
    public async Task Leaders_approve_only_their_own_departments_drafts()
    {
        await using var h = await StartAsync(azurite.ConnectionString);
        var id = await h.DriveToDraftingAsync("2026-0304", withCoHandler: false);
        await h.DriveToApprovalAsync(id);

        var outsider = await h.SendAsync(id, r => new ApprovalDecided(r, new Actor("l9", "外单位领导", Role.Leader, "市财政局"), true));
        var handler = await h.SendAsync(id, r => new ApprovalDecided(r, Handler, true));

        Assert.False(outsider.Accepted);
        Assert.False(handler.Accepted);
        Assert.Equal(ProposalStage.AwaitingApproval, (await h.Store.GetAsync(id))!.Stage);
    }

    /// <summary>
    /// The engine sends an episode's activities before it checkpoints the episode: a worker killed in between leaves a
    /// transition stored (and its outcome told) that the instance, replaying, has not made. A decision taken first
    /// after the replay must not take that sequence number over; it waits until the lost episode's event comes back.
    /// </summary>
    [Fact]
    public async Task A_transition_stored_by_a_lost_episode_stands_and_a_decision_that_meets_it_waits_for_its_event()
    {
        await using var h = await StartAsync(azurite.ConnectionString);
        var id = await h.DriveToDraftingAsync("2026-0305", withCoHandler: false);
        var (before, contact) = await StoreLostContactAsync(h, id, "lost-episode");

        var key = new KeyItemMarked("after-replay", Clerk, true, "王副市长");
        await h.RaiseAsync(id, key);
        await h.RaiseAsync(id, contact);
        Assert.True((await h.OutcomeAsync(id, key.RequestId)).Accepted);

        var audit = await h.Store.GetAuditAsync(id);
        Assert.Equal(["记录沟通", "列为重点"], audit.Skip(before.Sequence).Select(e => e.Action));
        var state = await h.WaitForAsync(id, s => s.IsKey);
        Assert.Single(state.Contacts);
        Assert.Equal(before.Sequence + 2, state.Sequence);
    }

    // 送审 needs 沟通 first. After a crash the person was told 沟通 was accepted (a lost episode stored it) while the
    // replaying instance has not made it yet: 送审 sent meanwhile is not refused for the order, it waits for 沟通.
    [Fact]
    public async Task A_decision_judged_before_a_lost_episodes_transition_is_not_refused_but_waits_for_it()
    {
        await using var h = await StartAsync(azurite.ConnectionString);
        var id = await h.DriveToDraftingAsync("2026-0305", withCoHandler: false);
        var (before, contact) = await StoreLostContactAsync(h, id, "lost-contact");

        var version = await h.Drafts.SaveAsync(id, Handler.Name, "您提出的建议收悉。现答复如下：");
        var submit = new SubmittedForApproval("submit-after-replay", Handler, version, ResultClass.B, Disclosure.Full, "张承办", "0375-2345678");
        var seen = (await h.Client.GetInstanceAsync(id))!.LastUpdatedAt;
        await h.RaiseAsync(id, submit);
        // The instance takes 送审 first (without the rule it refuses it here, on the state before 沟通); then 沟通 comes.
        await Eventually.TrueAsync(async () => (await h.Client.GetInstanceAsync(id))!.LastUpdatedAt > seen, TimeSpan.FromSeconds(60), "the instance never took 送审");
        await h.RaiseAsync(id, contact);
        var outcome = await h.OutcomeAsync(id, submit.RequestId);
        Assert.True(outcome.Accepted, outcome.Reason);
        Assert.Equal(["记录沟通", "送审"], (await h.Store.GetAuditAsync(id)).Skip(before.Sequence).Select(e => e.Action));
    }

    // What a lost episode leaves: 沟通 stored (status, audit, its outcome told) one sequence past the instance's state.
    private static async Task<(ProposalSnapshot Before, ContactRecorded Contact)> StoreLostContactAsync(LifecycleHarness h, string id, string requestId)
    {
        var before = (await h.Store.GetAsync(id))!;
        var contact = new ContactRecorded(requestId, Handler, new DateOnly(2026, 3, 5), "电话", "沟通办理思路");
        var at = h.Clock.GetUtcNow().UtcDateTime;
        var lost = before with
        {
            Sequence = before.Sequence + 1,
            Contacts = [new ContactEntry(contact.Date, contact.Form, contact.Summary, Handler.Name)],
            ContactInRound = true,
            UpdatedAt = at,
        };
        await h.Writer.RecordAsync(new TransitionRecord(
            before,
            lost,
            new AuditEntry(lost.Sequence, at, Handler.PersonId, Handler.Name, Handler.Role.ToString(), "记录沟通", before.Stage, lost.Stage, "电话：沟通办理思路"),
            [],
            new RequestOutcome(contact.RequestId, true, null, lost.Stage, at)));
        return (before, contact);
    }
}
