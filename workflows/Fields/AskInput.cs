using Replies.Workflows.Coverage;

namespace Replies.Workflows.Fields;

/// <summary>A list of asks as a person gives it (the proposer at submission, the clerk at filing), checked once.</summary>
public static class AskInput
{
    /// <summary>The non-empty asks, each cleaned like the body; null when none was given.</summary>
    public static List<string>? Check(FieldErrors errors, IReadOnlyList<string>? listed, bool toSimplified = false)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (listed is null || listed.All(string.IsNullOrWhiteSpace))
        {
            return null;
        }

        if (listed.Count(a => !string.IsNullOrWhiteSpace(a)) > ProposalAsks.Most)
        {
            errors.Add("asks", $"建议事项不能超过{ProposalAsks.Most}条。");
        }

        var asks = new List<string>();
        foreach (var (ask, i) in listed.Where(a => !string.IsNullOrWhiteSpace(a)).Take(ProposalAsks.Most).Select((a, i) => (a, i)))
        {
            asks.Add(errors.Text("asks", TextInput.Clean(ask, toSimplified).Text, $"第{i + 1}条建议事项", ProposalAsks.Longest, 4));
        }

        return asks;
    }
}
