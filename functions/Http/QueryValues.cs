using System.Globalization;

namespace Replies.Functions.Http;

/// <summary>Query string values read with the same messages everywhere: a value that is not what it should be is named.</summary>
internal static class QueryValues
{
    public static string? Text(this HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var values) && values.ToString() is { Length: > 0 } value ? value : null;

    /// <summary>An optional whole number in [min, max]; null without a problem when absent.</summary>
    public static (int? Value, CommandResult? Problem) Int(this HttpRequest request, string name, int min, int max)
    {
        if (request.Text(name) is not { } text)
        {
            return (null, null);
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? (value, null)
            : (null, Problems.Field(name, $"须为{min}至{max}之间的整数。"));
    }
}
