using System.Text.Json;
using System.Text.Json.Nodes;

namespace Replies.Workflows.Fields;

/// <summary>One reading of a decision's fields: the item, the errors so far, the values read so far, the lookups.</summary>
public sealed class FieldReading(string proposalId, FieldErrors errors, IFieldLookups lookups, CancellationToken cancellationToken)
{
    public string ProposalId => proposalId;

    public FieldErrors Errors => errors;

    public IFieldLookups Lookups => lookups;

    public CancellationToken CancellationToken => cancellationToken;

    /// <summary>The fields read before this one.</summary>
    public FieldValues Values { get; } = new();

    /// <summary>Refuses a value of the wrong JSON type (a number for a date, a string for a yes or no).</summary>
    public object? Wrong(Field field)
    {
        ArgumentNullException.ThrowIfNull(field);
        errors.Add(field.Name, "格式不正确。");
        return null;
    }

    /// <summary>Refuses a field that must be given and was not, as 请选择 (a choice) or 请填写 (text).</summary>
    public object? Missing(Field field, bool chosen = true)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.Required)
        {
            errors.Add(field.Name, chosen ? $"请选择{field.Label}。" : $"请填写{field.Label}。");
        }

        return null;
    }

    /// <summary>Whether the JSON value is text, and the text.</summary>
    public static bool IsText(JsonNode? value, out string text)
    {
        text = "";
        if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
        {
            return false;
        }

        try
        {
            text = v.GetValue<string>();
            return true;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate: no text can hold it.
            return false;
        }
    }

    /// <summary>The request's value for the field, its name matched regardless of case as the JSON reader does.</summary>
    public static JsonNode? Find(JsonObject input, string name)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.TryGetPropertyValue(name, out var exact))
        {
            return exact;
        }

        foreach (var (key, value) in input)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }
}
