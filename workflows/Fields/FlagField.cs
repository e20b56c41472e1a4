using System.Text.Json;
using System.Text.Json.Nodes;

namespace Replies.Workflows.Fields;

/// <summary>A yes or no (JSON true or false), shown as two choices: <paramref name="Yes"/> and <paramref name="No"/>.</summary>
public sealed record FlagField(string Name, string Label, string Yes, string No) : Field(Name, Label)
{
    /// <summary>The choice the form starts with, or null for none.</summary>
    public bool? Default { get; init; } = true;

    public override JsonObject Schema() => new() { ["type"] = "boolean" };

    public override JsonNode FromForm(string text) => bool.TryParse(text.Trim(), out var flag) ? JsonValue.Create(flag) : base.FromForm(text);

    public override ValueTask<object?> ReadAsync(JsonNode? value, FieldReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return ValueTask.FromResult(value switch
        {
            null => reading.Missing(this),
            JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
            _ => reading.Wrong(this),
        });
    }
}
