using Replies.Workflows.Lifecycle;
using Replies.Workflows.ReadModel;
using Replies.Workflows.Storage;

namespace Replies.Functions.Views;

/// <summary>
/// A department's open items split by what is owed: to sign for, to draft, returned with comments, waiting for the
/// leader, co-handling opinions owed, each with the days left. The API and the department's page show the same.
/// </summary>
public static class InboxView
{
    public sealed record Inbox(
        string Department,
        IReadOnlyList<ProposalSummary> ToSignFor,
        IReadOnlyList<ProposalSummary> ToDraft,
        IReadOnlyList<ProposalSummary> Returned,
        IReadOnlyList<ProposalSummary> AwaitingApproval,
        IReadOnlyList<ProposalSummary> OpinionsOwed,
        IReadOnlyList<ProposalSummary> Replied);

    /// <summary>The inbox as it stands (the API and the department's page show the same).</summary>
    public static async Task<Inbox> BuildAsync(string department, ItemLists lists, OpinionStore opinions, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(time);
        var mine = (await lists.DepartmentAsync(department, cancellationToken)).Where(s => s.Handles(department)).OrderBy(s => s.ReplyDue ?? DateOnly.MaxValue).ToList();
        ProposalSummary View(ItemRow s) => ProposalSummary.Of(s, today);
        var open = mine.Where(s => !s.IsFinal && s.Stage != ProposalStage.AwaitingFeedback).ToList();
        var lead = open.Where(s => s.LeadDepartment == department).ToList();
        var coHandled = open.Where(s => s.LeadDepartment != department && DecisionCatalog.SendOpinion.Stages.Contains(s.Stage)).ToList();
        var received = await Task.WhenAll(coHandled.Select(async s =>
            await opinions.GetAsync(s.ProposalId, department, cancellationToken) is not null));
        return new Inbox(
            department,
            [.. open.Where(s => !s.SignedDepartments.Contains(department)).Select(View)],
            [.. lead.Where(s => s.Stage == ProposalStage.Drafting && !s.Returned).Select(View)],
            [.. lead.Where(s => s.Stage == ProposalStage.Drafting && s.Returned).Select(View)],
            [.. lead.Where(s => s.Stage == ProposalStage.AwaitingApproval).Select(View)],
            [.. coHandled.Where((s, i) => !received[i]).Select(View)],
            [.. mine.Where(s => s.LeadDepartment == department && s.RepliedAt is not null).OrderByDescending(s => s.RepliedAt).Take(50).Select(View)]);
    }
}
