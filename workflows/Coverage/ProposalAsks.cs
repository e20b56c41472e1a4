using Replies.Workflows.Lifecycle;

namespace Replies.Workflows.Coverage;

/// <summary>A proposal's asks: those stored with its text, or for an item stored before asks were kept, its body split.</summary>
public static class ProposalAsks
{
    /// <summary>The most asks one proposal may list.</summary>
    public const int Most = 20;

    /// <summary>The longest ask, in characters.</summary>
    public const int Longest = 600;

    /// <summary>The asks of <paramref name="text"/>.</summary>
    public static IReadOnlyList<string> Of(ProposalText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Asks is { Count: > 0 } asks ? asks : AskSplitter.Split(text.Body);
    }
}
