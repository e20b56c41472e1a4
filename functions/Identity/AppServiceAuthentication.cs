using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Replies.Functions.Identity;

/// <summary>
/// The identity App Service Authentication (Easy Auth) in front of the Function App signed in with Entra ID: the
/// platform passes the person's claims in the <c>X-MS-CLIENT-PRINCIPAL</c> header and, from its token store, the
/// sign-in's ID token in <c>X-MS-TOKEN-AAD-ID-TOKEN</c>. The platform strips both from what clients send, but a request
/// that reaches the app some other way could carry them made up; so the principal counts only with an ID token that
/// Entra ID signed for this app's registration and whose account (<c>oid</c>) is the principal's. Used only when
/// <c>Replies:Auth:AppServiceAuthentication</c> is on, that is when the app runs behind the platform.
/// </summary>
public sealed class AppServiceAuthentication(IOptionsMonitor<AppServiceAuthenticationOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AppServiceAuthenticationOptions>(options, logger, encoder)
{
    public const string SchemeName = "AppService";
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";
    public const string IdTokenHeader = "X-MS-TOKEN-AAD-ID-TOKEN";
    private const string ObjectIdLong = "http://schemas.microsoft.com/identity/claims/objectidentifier";
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
    private static readonly JsonWebTokenHandler Tokens = new() { MapInboundClaims = false };

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(PrincipalHeader, out var header) || header.ToString() is not { Length: > 0 } encoded)
        {
            return AuthenticateResult.NoResult();
        }

        ClientPrincipal? principal;
        try
        {
            principal = JsonSerializer.Deserialize<ClientPrincipal>(Encoding.UTF8.GetString(Convert.FromBase64String(encoded)), JsonOptions);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return AuthenticateResult.Fail("The client principal header is malformed.");
        }

        if (principal?.Claims is not { Count: > 0 } claims)
        {
            return AuthenticateResult.Fail("The client principal carries no claims.");
        }

        var account = claims.FirstOrDefault(c => c.Typ is DirectoryClaims.ObjectId or ObjectIdLong)?.Val;
        if (account is null || await SignedAccountAsync() is not { } signed || !string.Equals(signed, account, StringComparison.OrdinalIgnoreCase))
        {
            Logger.LogWarning("A client principal without the platform's matching ID token was refused ({Path}).", Request.Path);
            return AuthenticateResult.Fail("The client principal was not put there by App Service Authentication.");
        }

        // Entra ID's object id arrives under its long claim type; DirectoryClaims reads both names.
        var identity = new ClaimsIdentity(claims.Select(c => new Claim(c.Typ, c.Val)), principal.AuthTyp ?? "aad", principal.NameTyp ?? ClaimTypes.Name, principal.RoleTyp ?? ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>The account (<c>oid</c>) of the ID token the platform passed, when Entra ID signed it for this app.</summary>
    private async Task<string?> SignedAccountAsync()
    {
        if (Request.Headers[IdTokenHeader].ToString() is not { Length: > 0 } token || Options.ConfigurationManager is not { } metadata)
        {
            return null;
        }

        var configuration = await metadata.GetConfigurationAsync(Context.RequestAborted);
        var result = await Tokens.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer ?? Options.Authority,
            ValidAudience = Options.ClientId,
            IssuerSigningKeys = configuration.SigningKeys,
            // The token store keeps the sign-in's ID token for the whole session; what it proves is that the
            // platform signed this person in, which its expiry does not undo.
            ValidateLifetime = false,
        });
        return result.IsValid && result.Claims.TryGetValue(DirectoryClaims.ObjectId, out var oid) ? oid as string : null;
    }

    // The platform's names: auth_typ, name_typ, role_typ, claims[].typ/val.
    private sealed record ClientPrincipal(
        [property: System.Text.Json.Serialization.JsonPropertyName("auth_typ")] string? AuthTyp,
        [property: System.Text.Json.Serialization.JsonPropertyName("name_typ")] string? NameTyp,
        [property: System.Text.Json.Serialization.JsonPropertyName("role_typ")] string? RoleTyp,
        IReadOnlyList<ClientClaim>? Claims);

    private sealed record ClientClaim(string Typ, string Val);
}

/// <summary>Where the ID tokens come from: the tenant's authority (its v2.0 issuer) and the app registration they are for.</summary>
public sealed class AppServiceAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>The authority, e.g. https://login.microsoftonline.com/{tenant}/v2.0 (Authentication:Schemes:Bearer:Authority).</summary>
    public string? Authority { get; set; }

    /// <summary>The app registration App Service Authentication signs in with (Replies:Auth:AppServiceClientId).</summary>
    public string? ClientId { get; set; }

    /// <summary>The authority's signing keys, read from its OpenID metadata and cached.</summary>
    public IConfigurationManager<OpenIdConnectConfiguration>? ConfigurationManager { get; set; }
}
