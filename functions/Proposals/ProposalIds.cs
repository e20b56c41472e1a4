namespace Replies.Functions.Proposals;

/// <summary>What a proposal id may look like before it is used as an instance id.</summary>
public static class ProposalIds
{
    public static bool IsWellFormed(string id) =>
        id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
