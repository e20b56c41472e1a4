using Microsoft.AspNetCore.Authentication;
using Replies.Functions.Startup;
using Replies.Functions.Web;

namespace Replies.Functions.Identity;

/// <summary>
/// Who may call a function at all, from its <c>[Authorize]</c> and <c>[AllowAnonymous]</c> attributes: the caller is
/// authenticated (bearer token, App Service Authentication or the session cookie), then held to the function's
/// policies. An API caller is answered 401 or 403 with problem details; a person at a page is sent to sign in, or
/// shown that the page is not theirs. Both hosts run every HTTP function through this gate; per-item rules are in
/// <see cref="Access"/>.
/// </summary>
public sealed class RequestGate(IAuthorizationService authorization, PageRenderer pages)
{
    /// <summary>Null when the call may go on; otherwise the answer to give instead.</summary>
    public async Task<IResult?> CheckAsync(HttpContext http, HttpFunction function)
    {
        var result = await http.AuthenticateAsync();
        if (result.Succeeded)
        {
            http.User = result.Principal;
        }

        if (function.AllowsAnonymous)
        {
            return null;
        }

        if (http.User.Identity?.IsAuthenticated != true)
        {
            return function.IsApi
                ? CommandResult.Problem(StatusCodes.Status401Unauthorized, Problems.TitleFor(401), "请先登录。", Problems.TypeBase + "unauthorized")
                : TypedResults.Redirect("/login?ReturnUrl=" + Uri.EscapeDataString(http.Request.Path + http.Request.QueryString));
        }

        foreach (var policy in function.Policies)
        {
            if (!(await authorization.AuthorizeAsync(http.User, policy)).Succeeded)
            {
                return function.IsApi ? Problems.Forbidden() : pages.Status(http, StatusCodes.Status403Forbidden, "您无权查看此页面。");
            }
        }

        return null;
    }
}
