using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Replies.Functions.Identity;
using Replies.Functions.Views;
using Replies.Workflows.Storage;

namespace Replies.Functions.Web.Pages;

/// <summary>One item on a timeline of its stages, as the same access rules as the API allow the person to see it.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ItemModel(ProposalStore store, DetailBuilder details) : PageModel
{
    public ProposalDetail Detail { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var user = HttpContext.Person()!;
        var snapshot = Proposals.ProposalIds.IsWellFormed(id) ? await store.GetAsync(id, cancellationToken) : null;
        if (snapshot is null || !Access.CanSee(user, snapshot))
        {
            return NotFound();
        }

        Detail = await details.BuildAsync(user, snapshot, cancellationToken);
        return Page();
    }
}
