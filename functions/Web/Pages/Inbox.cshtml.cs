using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Replies.Functions.Handling;
using Replies.Functions.Identity;
using Replies.Workflows.Storage;

namespace Replies.Functions.Web.Pages;

/// <summary>A department's work split by what is owed, each with its days left.</summary>
[Authorize(Policy = Policies.DepartmentStaff)]
public sealed class InboxModel(ProposalCatalog catalog, ReplyStorage storage, TimeProvider time) : PageModel
{
    public DepartmentInbox.Inbox Box { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Box = await DepartmentInbox.BuildAsync(HttpContext.Person()!.DepartmentId!, catalog, storage, time, cancellationToken);
}
