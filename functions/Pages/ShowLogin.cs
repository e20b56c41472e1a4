using Microsoft.Extensions.Options;
using Replies.Functions.Startup;
using Replies.Functions.Web;
using Replies.Functions.Web.Pages;
using Replies.Workflows.Directory;

namespace Replies.Functions.Pages;

/// <summary>GET /login: the development sign-in (pick a person of the directory); outside Development, the way to Entra ID.</summary>
public sealed class ShowLogin(PageRenderer pages, DirectoryStore directory, IOptions<AuthOptions> auth)
{
    private static readonly Dictionary<Role, string> Groups = new()
    {
        [Role.Proposer] = "人大代表、政协委员",
        [Role.Handler] = "承办单位承办人",
        [Role.Leader] = "承办单位领导",
        [Role.Clerk] = "交办督办部门",
        [Role.Administrator] = "系统管理",
    };

    [Function(nameof(ShowLogin))]
    [AllowAnonymous]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "login")] HttpRequest request) =>
        pages.Render<LoginPage>(request.HttpContext, new Dictionary<string, object?>
        {
            ["DevSignIn"] = auth.Value.DevSignIn,
            ["ReturnUrl"] = request.Text("ReturnUrl"),
            ["People"] = directory.People.GroupBy(p => Groups[p.Role]).ToList(),
        });
}
