namespace Replies.Functions.Web;

/// <summary>
/// A notice shown once on the page a form redirects to ("已提交：签收"): kept in a short-lived cookie between the
/// post and the next page, then removed.
/// </summary>
public static class Flash
{
    private const string Cookie = "replies.flash";

    public static void Set(HttpContext http, string message) =>
        http.Response.Cookies.Append(Cookie, Uri.EscapeDataString(message), new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromMinutes(5), Path = "/", Secure = http.Request.IsHttps || !http.RequestServices.GetRequiredService<IHostEnvironment>().IsDevelopment() });

    public static string? Take(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(Cookie, out var value))
        {
            return null;
        }

        http.Response.Cookies.Delete(Cookie, new CookieOptions { Path = "/" });
        return Uri.UnescapeDataString(value);
    }
}
