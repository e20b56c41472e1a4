using System.Globalization;
using System.Text.Json.Nodes;

namespace Replies.Workflows.Fields;

/// <summary>A Gregorian date as ISO text (<c>2027-03-10</c>), held to a window around today.</summary>
public sealed record DateField(string Name, string Label) : Field(Name, Label)
{
    /// <summary>What is wrong with the date given today's (null when nothing is).</summary>
    public Func<DateOnly, DateOnly, string?>? Window { get; init; }

    /// <summary>Whether the form starts at today.</summary>
    public bool StartsToday { get; init; }

    public override JsonObject Schema() => new() { ["type"] = "string", ["format"] = "date" };

    public override ValueTask<object?> ReadAsync(JsonNode? value, FieldReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (value is null)
        {
            return ValueTask.FromResult(reading.Missing(this));
        }

        if (!FieldReading.IsText(value, out var text) || !DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return ValueTask.FromResult(reading.Wrong(this));
        }

        if (Window?.Invoke(date, reading.Lookups.Today) is { } problem)
        {
            reading.Errors.Add(Name, problem);
        }

        return ValueTask.FromResult<object?>(date);
    }
}
