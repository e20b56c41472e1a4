using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Replies.Workflows.Fields;

/// <summary>A version of the item's reply draft that was saved (the form: a list of the item's versions).</summary>
public sealed record DraftField(string Name, string Label) : Field(Name, Label)
{
    public override JsonObject Schema() => new() { ["type"] = "integer", ["minimum"] = 1 };

    public override JsonNode FromForm(string text) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? JsonValue.Create(version) : base.FromForm(text);

    public override async ValueTask<object?> ReadAsync(JsonNode? value, FieldReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (value is null)
        {
            return reading.Missing(this);
        }

        if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue<int>(out var version))
        {
            return reading.Wrong(this);
        }

        if (version <= 0 || !await reading.Lookups.HasDraftAsync(reading.ProposalId, version, reading.CancellationToken))
        {
            reading.Errors.Add(Name, "该版本的答复稿不存在，请先保存。");
        }

        return version;
    }
}
