using Replies.Functions.Web;

namespace Replies.Functions.Pages;

/// <summary>GET /directory?q=: the administrator's directory, where each person's mobile, mail and notice channels and each department's duty handler and leader are kept.</summary>
public sealed class ShowDirectory(DirectoryFormPage page)
{
    [Function(nameof(ShowDirectory))]
    [Authorize(Policy = Policies.Administrator)]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "directory")] HttpRequest request) =>
        page.Render(request.HttpContext, request.Query["q"].ToString());
}
