using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Workflows.Directory;

namespace Replies.Functions.Dev;

/// <summary>
/// The development sign-in, mapped only when <c>Replies:Auth:DevSignIn</c> is on (Development only): list the seeded
/// people, get a bearer token for one, or sign in as one with a cookie.
/// </summary>
internal static class DevSignIn
{
    public sealed record Request(string? PersonId);

    public sealed record Token(string AccessToken, string TokenType, DateTimeOffset ExpiresAt, DirectoryPerson Person);

    public static void Map(IEndpointRouteBuilder api)
    {
        var dev = api.MapGroup("dev").WithTags("development").AllowAnonymous();
        dev.MapGet("people", (DirectoryStore directory) => TypedResults.Ok(directory.People.Select(p => p with { Phone = null, ExternalId = null })))
            .WithName("ListDevPeople").WithSummary("开发环境：可登录的人员");
        dev.MapPost("token", TokenAsync).WithName("IssueDevToken").WithSummary("开发环境：签发访问令牌").Accepts<Request>("application/json").Produces<Token>();
        dev.MapPost("sign-in", SignInAsync).WithName(nameof(DevSignIn)).WithSummary("开发环境：以某人身份登录（Cookie）").Accepts<Request>("application/json");
        dev.MapPost("sign-out", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.NoContent();
        }).WithName("DevSignOut").WithSummary("开发环境：退出登录");
    }

    private static async Task<IResult> TokenAsync(HttpContext http, DirectoryStore directory, DevTokens tokens, CancellationToken cancellationToken)
    {
        var (person, problem) = await PersonAsync(http, directory, cancellationToken);
        if (person is null)
        {
            return problem!;
        }

        var (token, expires) = tokens.Issue(person.PersonId, person.Name);
        return TypedResults.Ok(new Token(token, "Bearer", expires, person));
    }

    private static async Task<IResult> SignInAsync(HttpContext http, DirectoryStore directory, CancellationToken cancellationToken)
    {
        var (person, problem) = await PersonAsync(http, directory, cancellationToken);
        if (person is null)
        {
            return problem!;
        }

        var identity = new ClaimsIdentity([new Claim(DirectoryClaims.Subject, person.PersonId), new Claim(ClaimTypes.Name, person.Name)], CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return TypedResults.Ok(person);
    }

    private static async Task<(DirectoryPerson? Person, IResult? Problem)> PersonAsync(HttpContext http, DirectoryStore directory, CancellationToken cancellationToken)
    {
        var (request, problem) = await RequestBody.ReadAsync<Request>(http.Request, cancellationToken);
        if (request is null)
        {
            return (null, problem);
        }

        return request.PersonId is { Length: > 0 } id && directory.Person(id) is { } person
            ? (person, null)
            : (null, Problems.Field("personId", "名录中没有此人。"));
    }
}
