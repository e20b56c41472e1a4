using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Replies.Functions.Identity;
using Replies.Functions.Proposals;
using Replies.Workflows.Storage;

namespace Replies.Functions.Web.Pages;

/// <summary>A deputy's or member's own items, with the part they play in each.</summary>
[Authorize(Policy = Policies.Proposer)]
public sealed class MyModel(ProposalCatalog catalog, TimeProvider time) : PageModel
{
    public IReadOnlyList<ListMyProposals.MyItem> Items { get; private set; } = [];

    public void OnGet() => Items = ListMyProposals.For(HttpContext.Person()!.PersonId, catalog, time);
}
