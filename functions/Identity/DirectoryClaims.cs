using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Replies.Workflows.Directory;

namespace Replies.Functions.Identity;

/// <summary>
/// Turns an authenticated token or cookie into a directory person: <c>sub</c> names the person in development tokens
/// and the cookie, <c>oid</c> the Entra ID account mapped to a person's external id. Roles and department come from
/// the directory, never from the token, so one place decides what a person may do.
/// </summary>
internal sealed class DirectoryClaims(DirectoryStore directory) : IClaimsTransformation
{
    public const string Subject = "sub";
    public const string ObjectId = "oid";

    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity is not { IsAuthenticated: true } || principal.HasClaim(c => c.Type == Policies.PersonIdClaim))
        {
            return Task.FromResult(principal);
        }

        var person = Resolve(principal, directory);
        if (person is null)
        {
            return Task.FromResult(principal);
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(Policies.PersonIdClaim, person.PersonId),
                new Claim(ClaimTypes.Role, person.Role.ToString()),
                new Claim(ClaimTypes.Name, person.Name),
                .. person.DepartmentId is { } d ? [new Claim(Policies.DepartmentClaim, d)] : Array.Empty<Claim>(),
            ],
            "directory",
            ClaimTypes.Name,
            ClaimTypes.Role);
        var result = principal.Clone();
        result.AddIdentity(identity);
        return Task.FromResult(result);
    }

    public static DirectoryPerson? Resolve(ClaimsPrincipal principal, DirectoryStore directory)
    {
        var oid = principal.FindFirst(ObjectId)?.Value ?? principal.FindFirst("http://schemas.microsoft.com/identity/claims/objectidentifier")?.Value;
        if (oid is not null && directory.PersonByExternalId(oid) is { } external)
        {
            return external;
        }

        var sub = principal.FindFirst(Subject)?.Value ?? principal.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        return sub is null ? null : directory.Person(sub);
    }
}
