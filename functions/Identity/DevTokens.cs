using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Replies.Functions.Startup;

namespace Replies.Functions.Identity;

/// <summary>Issues and validates the development bearer tokens (HMAC-signed JWTs naming a directory person).</summary>
public sealed class DevTokens
{
    public const string Issuer = "replies-dev";
    public const string Audience = "replies-api";
    private readonly SymmetricSecurityKey _key;
    private readonly AuthOptions _options;
    private readonly TimeProvider _time;

    public DevTokens(IOptions<AuthOptions> options)
    {
        _options = options.Value;
        // Stamped with the wall clock, which the bearer handler checks them against, not the app's business clock
        // (a development clock set forward would otherwise issue tokens not yet valid).
        _time = TimeProvider.System;
        var bytes = _options.DevSigningKey is { Length: > 0 } configured
            ? Convert.FromBase64String(configured)
            : System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        if (bytes.Length < 32)
        {
            throw new InvalidOperationException("Replies:Auth:DevSigningKey must be at least 32 bytes (base64).");
        }

        _key = new SymmetricSecurityKey(bytes);
    }

    /// <summary>What validates a development token.</summary>
    public TokenValidationParameters ValidationParameters => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = _key,
        ClockSkew = TimeSpan.FromMinutes(1),
        NameClaimType = "name",
    };

    /// <summary>A token for a person.</summary>
    public (string Token, DateTimeOffset Expires) Issue(string personId, string name)
    {
        var now = _time.GetUtcNow();
        var expires = now + _options.DevTokenLifetime;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity([new Claim(DirectoryClaims.Subject, personId), new Claim("name", name)]),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }
}
