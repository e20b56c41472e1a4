using Replies.Functions.Web;

namespace Replies.Functions.Pages;

/// <summary>POST /logout: signs the browser out.</summary>
public sealed class SignOut(FormReader forms)
{
    [Function(nameof(SignOut))]
    [AllowAnonymous]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "logout")] HttpRequest request)
    {
        // A sign-out without the form's token (a link on another site) is ignored rather than obeyed.
        if (await forms.ReadAsync(request) is not null)
        {
            await SessionCookie.SignOutAsync(request.HttpContext);
        }

        return TypedResults.Redirect("/public");
    }
}
