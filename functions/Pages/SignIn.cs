using Microsoft.Extensions.Options;
using Replies.Functions.Startup;
using Replies.Functions.Web;
using Replies.Workflows.Directory;

namespace Replies.Functions.Pages;

/// <summary>POST /login: signs the browser in as the person picked (Development only), then back to where it was going.</summary>
public sealed class SignIn(PageRenderer pages, FormReader forms, DirectoryStore directory, SessionCookie session, IOptions<AuthOptions> auth, Safety.RequestLimits limits)
{
    [Function(nameof(SignIn))]
    [AllowAnonymous]
    [Safety.Limited(Safety.LimitKind.SignIn)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "login")] HttpRequest request)
    {
        var http = request.HttpContext;
        if (await forms.ReadAsync(request) is not { } form)
        {
            return forms.Refused(http);
        }

        if (!auth.Value.DevSignIn || form["personId"].ToString() is not { Length: > 0 } id || directory.Person(id) is not { } person)
        {
            return pages.Status(http, StatusCodes.Status404NotFound, "名录中没有此人。");
        }

        if (await limits.ForPersonAsync(Safety.LimitKind.SignIn, person.PersonId, http.RequestAborted) is { } wait)
        {
            return Safety.RequestLimits.Refusal(http, wait, api: false);
        }

        await session.SignInAsync(http, person);
        var returnUrl = form["returnUrl"].ToString();
        return TypedResults.Redirect(LocalUrl.IsLocal(returnUrl) ? returnUrl : "/");
    }
}
