using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Replies.Workflows.Directory;

namespace Replies.Functions.Identity;

/// <summary>Signs a browser in and out: one place for the session cookie's claims.</summary>
public sealed class SessionCookie(TimeProvider time)
{
    public Task SignInAsync(HttpContext http, DirectoryPerson person)
    {
        var identity = new ClaimsIdentity([new Claim(DirectoryClaims.Subject, person.PersonId), new Claim(ClaimTypes.Name, person.Name)], CookieAuthenticationDefaults.AuthenticationScheme);
        return http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IssuedUtc = time.GetUtcNow() });
    }

    public static Task SignOutAsync(HttpContext http) => http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
}
