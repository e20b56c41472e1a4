namespace Replies.Functions.Safety;

/// <summary>What a rate limit counts.</summary>
public enum LimitKind
{
    /// <summary>Submitting a proposal (API or form).</summary>
    Submission,

    /// <summary>Signing in (page, token, development cookie).</summary>
    SignIn,
}

/// <summary>Holds a function to the rate limits of its kind, per person and per address (<see cref="RequestLimits"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LimitedAttribute(LimitKind kind) : Attribute
{
    public LimitKind Kind { get; } = kind;
}
