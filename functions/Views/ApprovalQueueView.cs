using Replies.Workflows.Lifecycle;
using Replies.Workflows.ReadModel;

namespace Replies.Functions.Views;

/// <summary>The drafts waiting for a leader's approval.</summary>
public static class ApprovalQueueView
{
    /// <summary>A department's drafts waiting for approval, nearest deadline first (the API and the page show the same).</summary>
    public static async Task<IReadOnlyList<ProposalSummary>> ForAsync(string? department, ItemLists lists, TimeProvider time, CancellationToken cancellationToken)
    {
        if (department is null)
        {
            return [];
        }

        var today = ChinaTime.Today(time);
        return [.. (await lists.DepartmentAsync(department, cancellationToken))
            .Where(s => s.Stage == ProposalStage.AwaitingApproval && s.LeadDepartment == department)
            .OrderBy(s => s.ReplyDue ?? DateOnly.MaxValue)
            .Select(s => ProposalSummary.Of(s, today))];
    }
}
