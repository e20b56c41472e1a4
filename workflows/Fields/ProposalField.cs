using System.Text.Json.Nodes;

namespace Replies.Workflows.Fields;

/// <summary>Another open item, by its id (the one an item is merged into).</summary>
public sealed record ProposalField(string Name, string Label) : Field(Name, Label)
{
    public override JsonObject Schema() => new() { ["type"] = "string" };

    public override async ValueTask<object?> ReadAsync(JsonNode? value, FieldReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (value is not null && !FieldReading.IsText(value, out _))
        {
            return reading.Wrong(this);
        }

        FieldReading.IsText(value, out var text);
        var id = text.Trim();
        if (id.Length == 0)
        {
            return reading.Missing(this, chosen: false);
        }

        if (id == reading.ProposalId)
        {
            reading.Errors.Add(Name, "不能并入本件自身。");
        }
        else if (await reading.Lookups.ProposalAsync(id, reading.CancellationToken) is not { } other)
        {
            reading.Errors.Add(Name, "未找到要并入的建议或提案。");
        }
        else if (other.IsFinal)
        {
            reading.Errors.Add(Name, "要并入的建议或提案已办结或已并案。");
        }

        return id;
    }
}
