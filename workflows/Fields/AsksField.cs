using System.Text.Json.Nodes;
using Replies.Workflows.Coverage;

namespace Replies.Workflows.Fields;

/// <summary>
/// The asks of the item as the clerk corrects their split at filing (the form: a box per ask, the stored split
/// first). The split as it was stored is no correction, and reads as null.
/// </summary>
public sealed record AsksField(string Name, string Label) : Field(Name, Label)
{
    public override bool IsList => true;

    public override JsonObject Schema() =>
        new() { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string", ["maxLength"] = ProposalAsks.Longest }, ["maxItems"] = ProposalAsks.Most };

    public override async ValueTask<object?> ReadAsync(JsonNode? value, FieldReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (value is null)
        {
            return null;
        }

        if (value is not JsonArray items || items.Any(i => !FieldReading.IsText(i, out _)))
        {
            return reading.Wrong(this);
        }

        var asks = AskInput.Check(reading.Errors, [.. items.Select(i => i!.GetValue<string>())]);
        return asks is not null && !reading.Errors.Any
            && await reading.Lookups.AsksAsync(reading.ProposalId, reading.CancellationToken) is { } stored
            && stored.SequenceEqual(asks, StringComparer.Ordinal)
            ? null
            : asks;
    }
}
