using Replies.Functions.Views;
using Replies.Functions.Web;
using Replies.Functions.Web.Pages;
using Replies.Workflows.ReadModel;
using Replies.Workflows.Storage;

namespace Replies.Functions.Pages;

/// <summary>GET /inbox: a department's work split by what is owed.</summary>
public sealed class ShowInbox(PageRenderer pages, ItemLists lists, OpinionStore opinions, TimeProvider time)
{
    [Function(nameof(ShowInbox))]
    [Authorize(Policy = Policies.DepartmentStaff)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "inbox")] HttpRequest request, CancellationToken cancellationToken) =>
        pages.Render<InboxPage>(request.HttpContext, new Dictionary<string, object?>
        {
            ["Box"] = await InboxView.BuildAsync(request.HttpContext.Person()!.DepartmentId!, lists, opinions, time, cancellationToken),
        });
}
