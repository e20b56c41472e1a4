using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Replies.Functions.Identity;

namespace Replies.Functions.Web.Pages;

/// <summary>The start page sends each person where their work is.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => HttpContext.Person() switch
    {
        { Role: Role.Proposer } => Redirect("/my"),
        { Role: Role.Clerk or Role.Administrator } => Redirect("/board"),
        _ => Redirect("/public"),
    };
}
