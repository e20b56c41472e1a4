using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Replies.Functions.Identity;

/// <summary>
/// The identity App Service Authentication (Easy Auth) in front of the Function App signed in with Entra ID: the
/// platform validates the sign-in and passes the person's claims in the <c>X-MS-CLIENT-PRINCIPAL</c> header, which it
/// strips from what clients send. Used only when <c>Replies:Auth:AppServiceAuthentication</c> is on, that is when the
/// app runs behind the platform.
/// </summary>
public sealed class AppServiceAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AppService";
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(PrincipalHeader, out var header) || header.ToString() is not { Length: > 0 } encoded)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        try
        {
            var principal = JsonSerializer.Deserialize<ClientPrincipal>(Encoding.UTF8.GetString(Convert.FromBase64String(encoded)), JsonOptions);
            if (principal?.Claims is not { Count: > 0 } claims)
            {
                return Task.FromResult(AuthenticateResult.Fail("The client principal carries no claims."));
            }

            // Entra ID's object id arrives under its long claim type; DirectoryClaims reads both names.
            var identity = new ClaimsIdentity(claims.Select(c => new Claim(c.Typ, c.Val)), principal.AuthTyp ?? "aad", principal.NameTyp ?? ClaimTypes.Name, principal.RoleTyp ?? ClaimTypes.Role);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return Task.FromResult(AuthenticateResult.Fail("The client principal header is malformed."));
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private sealed record ClientPrincipal(string? AuthTyp, string? NameTyp, string? RoleTyp, IReadOnlyList<ClientClaim>? Claims);

    private sealed record ClientClaim(string Typ, string Val);
}
