using System.Security.Claims;
using Replies.Workflows.Directory;

namespace Replies.Functions.Identity;

/// <summary>The directory person behind a request.</summary>
internal static class CurrentUser
{
    /// <summary>The signed-in person, or null for an anonymous caller or one the directory does not know.</summary>
    public static DirectoryPerson? Person(this HttpContext context)
    {
        var id = context.User.FindFirst(Policies.PersonIdClaim)?.Value;
        return id is null ? null : context.RequestServices.GetRequiredService<DirectoryStore>().Person(id);
    }
}
