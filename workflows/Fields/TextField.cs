using System.Text.Json.Nodes;

namespace Replies.Workflows.Fields;

/// <summary>Text of at most <paramref name="Max"/> characters (at least <paramref name="Min"/> when required).</summary>
public sealed record TextField(string Name, string Label, int Max, int Min = 1) : Field(Name, Label)
{
    /// <summary>Rows of its box on the form (0: one line).</summary>
    public int Lines { get; init; }

    /// <summary>The only values it takes (a list to choose from on the form), or null for free text.</summary>
    public IReadOnlyList<string>? Choices { get; init; }

    /// <summary>A check of its form (a phone number), with the message when it fails.</summary>
    public (Func<string, bool> Holds, string Message)? Format { get; init; }

    /// <summary>The only values it takes on the item's form, from the item (the requests being decided on), each with what the form shows.</summary>
    public Func<Lifecycle.ProposalSnapshot, IEnumerable<(string Value, string Shown)>>? Pending { get; init; }

    /// <summary>What the form fills in for the person (their name or phone from the directory).</summary>
    public Prefill Prefill { get; init; }

    public override JsonObject Schema() => Choices is { } choices
        ? new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. choices.Select(c => (JsonNode)c)]) }
        : new JsonObject { ["type"] = "string", ["maxLength"] = Max };

    public override ValueTask<object?> ReadAsync(JsonNode? value, FieldReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (value is null)
        {
            return ValueTask.FromResult(reading.Missing(this, chosen: false));
        }

        if (!FieldReading.IsText(value, out var raw))
        {
            return ValueTask.FromResult(reading.Wrong(this));
        }

        var errors = reading.Errors;
        var text = Required ? errors.Text(Name, raw, Label, Max, Min) : errors.Optional(Name, raw, Label, Max);
        if (text is { Length: > 0 } && Choices is { } choices && !choices.Contains(text))
        {
            errors.Add(Name, $"{Label}须为：{string.Join("、", choices)}。");
        }
        else if (text is { Length: > 0 } && Format is { } format && !format.Holds(text))
        {
            errors.Add(Name, format.Message);
        }

        return ValueTask.FromResult<object?>(text is { Length: > 0 } ? text : null);
    }
}

/// <summary>What a form fills in for the person giving it.</summary>
public enum Prefill
{
    None,
    PersonName,
    PersonPhone,
}
