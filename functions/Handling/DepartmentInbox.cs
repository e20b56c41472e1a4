using Microsoft.AspNetCore.Mvc;
using Replies.Functions.Views;
using Replies.Workflows.ReadModel;
using Replies.Workflows.Storage;

namespace Replies.Functions.Handling;

/// <summary>
/// GET /api/departments/{department}/inbox: a department's open items split by what is owed: to sign for, to draft,
/// returned with comments, waiting for the leader, co-handling opinions owed, each with the days left.
/// </summary>
public sealed class DepartmentInbox(ItemLists lists, OpinionStore opinions, TimeProvider time)
{
    [Function(nameof(DepartmentInbox))]
    [Authorize(Policy = Policies.SignedIn)]
    [EndpointSummary("单位待办")]
    [Tags("handling")]
    [ProducesResponseType<InboxView.Inbox>(StatusCodes.Status200OK)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/departments/{department}/inbox")] HttpRequest request, string department, CancellationToken cancellationToken)
    {
        var user = request.HttpContext.Person()!;
        if (!(user.Role is Role.Clerk or Role.Administrator || (user.IsDepartmentStaff && user.DepartmentId == department)))
        {
            return Problems.Forbidden("只能查看本单位的待办。");
        }

        return CommandResult.Ok(await InboxView.BuildAsync(department, lists, opinions, time, cancellationToken));
    }
}
