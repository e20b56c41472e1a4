namespace Replies.Functions.Startup;

/// <summary>Identity settings (section <c>Replies:Auth</c>).</summary>
public sealed class AuthOptions
{
    /// <summary>
    /// The development sign-in (pick a seeded person) and development bearer tokens. On only in the Development
    /// environment; setting it outside Development is refused at start.
    /// </summary>
    public bool DevSignIn { get; set; }

    /// <summary>Key that signs development tokens (base64, at least 32 bytes); a random one per start when unset.</summary>
    public string? DevSigningKey { get; set; }

    /// <summary>Behind App Service Authentication: the platform's principal header is trusted (with its ID token).</summary>
    public bool AppServiceAuthentication { get; set; }

    /// <summary>The app registration App Service Authentication signs in with: the audience of the ID tokens it passes.</summary>
    public string? AppServiceClientId { get; set; }

    /// <summary>Lifetime of a development token.</summary>
    public TimeSpan DevTokenLifetime { get; set; } = TimeSpan.FromHours(8);
}
