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

    public void OnGet() => Items = Approval.ListAwaitingApproval.For(HttpContext.Person()!.DepartmentId, catalog, time);
}
