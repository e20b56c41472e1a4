using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Replies.Functions.Identity;

namespace Replies.Functions.IntegrationTests;

/// <summary>
/// Behind App Service Authentication the platform's principal header names the person only with the platform's ID
/// token, signed by the tenant for this app and naming the same account; a request that made the header up is refused.
/// The tenant's signing keys are the one boundary replaced: a key of the test's own stands for Entra ID's.
/// </summary>
public sealed class AppServiceIdentityTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Authority = "https://login.microsoftonline.com/00000000-0000-0000-0000-0000000000aa/v2.0";
    private const string ClientId = "11111111-2222-3333-4444-555555555555";
    private const string ClerkAccount = "6f1c2d3e-0000-4000-8000-00000000c1e5";

    [Fact]
    public async Task The_platforms_principal_counts_only_with_its_signed_ID_token_for_the_same_account()
    {
        using var tenant = RSA.Create(2048);
        var tenantKey = new RsaSecurityKey(tenant) { KeyId = "tenant" };
        var metadata = new OpenIdConnectConfiguration { Issuer = Authority };
        metadata.SigningKeys.Add(tenantKey);
        await using var host = await ApiHost.StartAsync(
            azurite.ConnectionString,
            false,
            null,
            false,
            b => b.Services.PostConfigure<AppServiceAuthenticationOptions>(AppServiceAuthentication.SchemeName, o => o.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(metadata)),
            "--Replies:Auth:AppServiceAuthentication=true",
            $"--Replies:Auth:AppServiceClientId={ClientId}",
            $"--Authentication:Schemes:Bearer:Authority={Authority}");
        await host.OkPutAsync(ApiHost.Admin, $"/api/directory/people/{ApiHost.Clerk}", new { name = "周敏", role = "Clerk", externalId = ClerkAccount });

        async Task<HttpStatusCode> MeAsync(string? principal, string? idToken)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
            if (principal is not null)
            {
                request.Headers.Add(AppServiceAuthentication.PrincipalHeader, principal);
            }

            if (idToken is not null)
            {
                request.Headers.Add(AppServiceAuthentication.IdTokenHeader, idToken);
            }

            using var response = await host.Anonymous.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                Assert.Equal(ApiHost.Clerk, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("personId").GetString());
            }

            return response.StatusCode;
        }

        var clerk = Principal(("oid", ClerkAccount), ("name", "周敏"));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(clerk, IdToken(tenantKey, ClerkAccount)));

        // Made up: no ID token; a development person id as sub; a token for another account, app or signer.
        using var stranger = RSA.Create(2048);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(clerk, null));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(Principal(("sub", ApiHost.Clerk)), null));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(clerk, IdToken(tenantKey, "9a9a9a9a-0000-4000-8000-000000000000")));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(clerk, IdToken(tenantKey, ClerkAccount, audience: "another-app")));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(clerk, IdToken(new RsaSecurityKey(stranger) { KeyId = "tenant" }, ClerkAccount)));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync("not base64!", IdToken(tenantKey, ClerkAccount)));

        // A forged principal cannot act either: the clerk's filing queue stays shut to it.
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/api/proposals?stage=FilingReview");
        forged.Headers.Add(AppServiceAuthentication.PrincipalHeader, Principal(("sub", ApiHost.Clerk)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Anonymous.SendAsync(forged)).StatusCode);
    }

    private static string Principal(params (string Typ, string Val)[] claims) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            auth_typ = "aad",
            name_typ = "name",
            role_typ = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
            claims = claims.Select(c => new { typ = c.Typ, val = c.Val }),
        })));

    private static string IdToken(SecurityKey key, string account, string audience = ClientId) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = audience,
            Claims = new Dictionary<string, object> { ["oid"] = account, ["name"] = "周敏" },
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
}
