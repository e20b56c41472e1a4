using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Replies.Functions.Startup;

namespace Replies.Functions.Identity;

/// <summary>
/// Bearer tokens for API clients and a cookie for people in a browser, chosen per request by whether an
/// Authorization header is present. In Development the bearer tokens are the host's own (see <see cref="DevTokens"/>);
/// elsewhere they are Microsoft Entra ID tokens configured under <c>Authentication:Schemes:Bearer</c>
/// (Authority, ValidAudiences), the standard ASP.NET Core section.
/// </summary>
internal static class AuthenticationSetup
{
    public const string Smart = "replies";

    public static IServiceCollection AddRepliesIdentity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection("Replies:Auth")).Validate(
            o => !o.DevSignIn || environment.IsDevelopment(),
            "Replies:Auth:DevSignIn may only be on in the Development environment.").Validate(
            o => !o.AppServiceAuthentication || (o.AppServiceClientId is { Length: > 0 } && configuration["Authentication:Schemes:Bearer:Authority"] is { Length: > 0 }),
            "Replies:Auth:AppServiceAuthentication needs Replies:Auth:AppServiceClientId and Authentication:Schemes:Bearer:Authority to check the platform's ID tokens.").ValidateOnStart();
        services.AddSingleton<DevTokens>();
        services.AddSingleton<SessionCookie>();
        services.AddSingleton<RequestGate>();
        var appService = configuration.GetValue("Replies:Auth:AppServiceAuthentication", false);
        services.AddTransient<IClaimsTransformation, DirectoryClaims>();
        services.AddAuthentication(Smart)
            .AddPolicyScheme(Smart, Smart, o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.Count > 0 ? JwtBearerDefaults.AuthenticationScheme
                : appService && context.Request.Headers.ContainsKey(AppServiceAuthentication.PrincipalHeader) ? AppServiceAuthentication.SchemeName
                : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AppServiceAuthenticationOptions, AppServiceAuthentication>(AppServiceAuthentication.SchemeName, o =>
            {
                o.Authority = configuration["Authentication:Schemes:Bearer:Authority"];
                o.ClientId = configuration["Replies:Auth:AppServiceClientId"];
                if (appService && o.Authority is { Length: > 0 } authority)
                {
                    o.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                        authority.TrimEnd('/') + "/.well-known/openid-configuration", new OpenIdConnectConfigurationRetriever());
                }
            })
            .AddJwtBearer()
            .AddCookie(o =>
            {
                o.Cookie.Name = "replies.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurity(environment);
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                // An API caller gets a status code; a person at a page is sent to sign in.
                o.LoginPath = "/login";
                o.Events.OnRedirectToLogin = c => c.Request.Path.StartsWithSegments("/api") ? Status(c, StatusCodes.Status401Unauthorized) : Redirect(c);
                o.Events.OnRedirectToAccessDenied = c => Status(c, StatusCodes.Status403Forbidden);
            });
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<AuthOptions>, DevTokens>((jwt, auth, dev) =>
        {
            // Claims keep their JWT names (sub, oid) so DirectoryClaims reads the same names from every issuer.
            jwt.MapInboundClaims = false;
            if (auth.Value.DevSignIn)
            {
                jwt.TokenValidationParameters = dev.ValidationParameters;
            }
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.SignedIn, p => p.RequireClaim(Policies.PersonIdClaim))
            .AddPolicy(Policies.Proposer, p => p.RequireRole(nameof(Workflows.Role.Proposer)))
            .AddPolicy(Policies.Submitter, p => p.RequireRole(nameof(Workflows.Role.Proposer), nameof(Workflows.Role.Clerk)))
            .AddPolicy(Policies.DepartmentStaff, p => p.RequireRole(nameof(Workflows.Role.Handler), nameof(Workflows.Role.Leader)))
            .AddPolicy(Policies.Leader, p => p.RequireRole(nameof(Workflows.Role.Leader)))
            .AddPolicy(Policies.Officials, p => p.RequireRole(nameof(Workflows.Role.Handler), nameof(Workflows.Role.Leader), nameof(Workflows.Role.Clerk), nameof(Workflows.Role.Administrator)))
            .AddPolicy(Policies.Clerk, p => p.RequireRole(nameof(Workflows.Role.Clerk)))
            .AddPolicy(Policies.Oversight, p => p.RequireRole(nameof(Workflows.Role.Clerk), nameof(Workflows.Role.Administrator)))
            .AddPolicy(Policies.Administrator, p => p.RequireRole(nameof(Workflows.Role.Administrator)));
        return services;
    }

    /// <summary>Cookies go over HTTPS only, except in Development (plain HTTP on localhost).</summary>
    public static CookieSecurePolicy CookieSecurity(IHostEnvironment environment) =>
        environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static Task Status(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
