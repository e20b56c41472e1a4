using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Replies.Functions.Identity;
using Replies.Functions.Views;
using Replies.Workflows.Storage;

namespace Replies.Functions.Web.Pages;

/// <summary>The drafts waiting for this leader's approval, nearest deadline first.</summary>
[Authorize(Policy = Policies.Leader)]
public sealed class ApprovalsModel(ProposalCatalog catalog, TimeProvider time) : PageModel
{
    public IReadOnlyList<ProposalSummary> Items { get; private set; } = [];

    public void OnGet()
    {
        var department = HttpContext.Person()!.DepartmentId;
        var today = ChinaClock.Today(time);
        Items = [.. catalog.All.Where(s => s.Stage == ProposalStage.AwaitingApproval && s.LeadDepartment == department)
            .OrderBy(s => s.ReplyDue ?? DateOnly.MaxValue).Select(s => ProposalSummary.Of(s, today))];
    }
}
