using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;
using Replies.Functions.Web.Pages;

namespace Replies.Functions.Web;

/// <summary>
/// Renders a page component on the server (escaped by default), giving it the <see cref="PageContext"/> every page
/// takes: the person signed in, a fresh antiforgery token for its forms, and the notice to show once.
/// </summary>
public sealed class PageRenderer(IAntiforgery antiforgery)
{
    public IResult Render<TPage>(HttpContext http, IReadOnlyDictionary<string, object?>? parameters = null, int status = StatusCodes.Status200OK)
        where TPage : IComponent
    {
        var all = new Dictionary<string, object?>(parameters ?? new Dictionary<string, object?>()) { ["Page"] = ContextOf(http) };
        return new RazorComponentResult<TPage>(all) { StatusCode = status, ContentType = "text/html; charset=utf-8" };
    }

    /// <summary>A page saying what went wrong, with its status (404, 403, 400).</summary>
    public IResult Status(HttpContext http, int status, string message) =>
        Render<StatusPage>(http, new Dictionary<string, object?> { ["Status"] = status, ["Message"] = message }, status);

    /// <summary>Sends the browser on, with a notice for the next page.</summary>
    public static IResult Redirect(HttpContext http, string location, string? flash = null)
    {
        if (flash is not null)
        {
            Flash.Set(http, flash);
        }

        return TypedResults.Redirect(location);
    }

    private PageContext ContextOf(HttpContext http) =>
        new(http.Person(), antiforgery.GetAndStoreTokens(http).RequestToken ?? "", Flash.Take(http));
}
