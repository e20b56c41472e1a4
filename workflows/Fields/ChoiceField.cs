using System.Text.Json.Nodes;

namespace Replies.Workflows.Fields;

/// <summary>One of the values of <typeparamref name="T"/>, by name (<c>"Satisfied"</c>), each shown with its label.</summary>
public sealed record ChoiceField<T>(string Name, string Label, IReadOnlyList<(T Value, string Shown)> Options) : Field(Name, Label), IChoices
    where T : struct, Enum
{
    /// <summary>The choice the form starts with, or null for none.</summary>
    public T? Default { get; init; }

    /// <summary>Shown as a list to pick from rather than as buttons.</summary>
    public bool AsList { get; init; }

    IEnumerable<(string Value, string Shown)> IChoices.Options => Options.Select(o => (o.Value.ToString(), o.Shown));

    string? IChoices.Chosen => Default?.ToString();

    public override JsonObject Schema() =>
        new() { ["type"] = "string", ["enum"] = new JsonArray([.. Enum.GetNames<T>().Select(n => (JsonNode)n)]) };

    public override ValueTask<object?> ReadAsync(JsonNode? value, FieldReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (value is null)
        {
            return ValueTask.FromResult(reading.Missing(this));
        }

        // By name only: a number, or a name that is not one of its values, is refused.
        return ValueTask.FromResult(FieldReading.IsText(value, out var text) && !text.All(char.IsAsciiDigit)
            && Enum.TryParse<T>(text.Trim(), true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : reading.Wrong(this));
    }
}

/// <summary>A field the form shows as choices, whatever their type.</summary>
public interface IChoices
{
    IEnumerable<(string Value, string Shown)> Options { get; }

    /// <summary>The value the form starts with, or null for none.</summary>
    string? Chosen { get; }

    bool AsList { get; }
}
