using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Replies.Functions.Identity;
using Replies.Functions.Startup;
using Replies.Workflows.Directory;

namespace Replies.Functions.Web.Pages;

/// <summary>The development sign-in: pick a person of the directory. Outside Development it only points to Entra ID.</summary>
public sealed class LoginModel(DirectoryStore directory, IOptions<AuthOptions> auth) : PageModel
{
    private static readonly Dictionary<Role, string> Groups = new()
    {
        [Role.Proposer] = "人大代表、政协委员",
        [Role.Handler] = "承办单位承办人",
        [Role.Leader] = "承办单位领导",
        [Role.Clerk] = "交办督办部门",
        [Role.Administrator] = "系统管理",
    };

    public bool DevSignIn => auth.Value.DevSignIn;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IEnumerable<IGrouping<string, DirectoryPerson>> People =>
        directory.People.GroupBy(p => Groups[p.Role]);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? personId)
    {
        if (!DevSignIn || personId is null || directory.Person(personId) is not { } person)
        {
            return NotFound();
        }

        var identity = new ClaimsIdentity([new Claim(DirectoryClaims.Subject, person.PersonId), new Claim(ClaimTypes.Name, person.Name)], CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
