using System.ComponentModel.DataAnnotations;

namespace Replies.Functions.Safety;

/// <summary>Rate limits (section <c>Replies:Limits</c>): how many of each kind per minute.</summary>
public sealed class LimitOptions
{
    /// <summary>Submissions per person per minute: more than a deputy types, fewer than a script sends.</summary>
    [Range(1, 100_000)]
    public int SubmissionsPerPerson { get; set; } = 10;

    /// <summary>Submissions per client address per minute (an office behind one address has many deputies).</summary>
    [Range(1, 100_000)]
    public int SubmissionsPerAddress { get; set; } = 60;

    /// <summary>Sign-ins per person per minute.</summary>
    [Range(1, 100_000)]
    public int SignInsPerPerson { get; set; } = 10;

    /// <summary>Sign-ins per client address per minute.</summary>
    [Range(1, 100_000)]
    public int SignInsPerAddress { get; set; } = 30;

    /// <summary>
    /// Behind App Service's front end the client's address is the last entry of <c>X-Forwarded-For</c>; elsewhere the
    /// header is anyone's to write and is ignored.
    /// </summary>
    public bool TrustForwardedFor { get; set; }
}
