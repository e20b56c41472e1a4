using System.Text.Json.Nodes;

namespace Replies.Workflows.Fields;

/// <summary>
/// One field of a decision's request, described once on its descriptor: its name in the JSON body (camelCase; the
/// item page's form posts it as <c>Input.{PascalCase}</c>), the label its messages use, how it is read and checked,
/// and what its form shows. The API, the item page and the OpenAPI document all read the same list.
/// </summary>
public abstract record Field(string Name, string Label)
{
    /// <summary>Whether it must be given: a missing one is refused with 请填写 or 请选择 and its label.</summary>
    public bool Required { get; init; } = true;

    /// <summary>What the form shows beside it, when it differs from the label its messages use.</summary>
    public string? Caption { get; init; }

    /// <summary>Read only when this holds of the fields before it (a merge target only for 并案); null otherwise.</summary>
    public Func<FieldValues, bool>? When { get; init; }

    /// <summary>The name the item page's form posts it under.</summary>
    public string FormName => "Input." + char.ToUpperInvariant(Name[0]) + Name[1..];

    /// <summary>What the form shows beside it.</summary>
    public string Shown => Caption ?? Label;

    /// <summary>Whether the form posts several values under its name (a list in JSON).</summary>
    public virtual bool IsList => false;

    /// <summary>Its schema in the OpenAPI document.</summary>
    public abstract JsonObject Schema();

    /// <summary>
    /// The form's text as the JSON body would carry it: typed where the form can only send text (a yes or no, a
    /// number); text that does not parse stays text, which the reading then refuses as 格式不正确.
    /// </summary>
    public virtual JsonNode FromForm(string text) => JsonValue.Create(text);

    /// <summary>Reads and checks the value (null when absent), adding what is wrong to the reading's errors.</summary>
    public abstract ValueTask<object?> ReadAsync(JsonNode? value, FieldReading reading);
}
