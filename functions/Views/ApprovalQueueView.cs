using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Functions.Views;

/// <summary>The drafts waiting for a leader's approval.</summary>
public static class ApprovalQueueView
{
    /// <summary>A department's drafts waiting for approval, nearest deadline first (the API and the page show the same).</summary>
    public static IReadOnlyList<ProposalSummary> For(string? department, ProposalCatalog catalog, TimeProvider time)
    {
        var today = ChinaTime.Today(time);
        return [.. catalog.All
            .Where(s => s.Stage == ProposalStage.AwaitingApproval && s.LeadDepartment == department)
            .OrderBy(s => s.ReplyDue ?? DateOnly.MaxValue)
            .Select(s => ProposalSummary.Of(s, today))];
    }
}
