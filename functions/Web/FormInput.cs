using System.Text.Json.Nodes;
using Replies.Workflows.Fields;

namespace Replies.Functions.Web;

/// <summary>
/// What an item page's form posted, by input name (<c>Input.Until</c>): given to the decision as the JSON body its
/// API takes (<see cref="ToRequest"/>), and shown again in the form when the decision is refused.
/// </summary>
public sealed class FormInput(IReadOnlyDictionary<string, string[]> values)
{
    public static readonly FormInput Empty = new(new Dictionary<string, string[]>());

    public static FormInput Of(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return new(form.Keys.ToDictionary(k => k, k => form[k].Select(v => v ?? "").ToArray(), StringComparer.Ordinal));
    }

    /// <summary>Whether the form posted the input at all.</summary>
    public bool Has(string name) => values.ContainsKey(name);

    /// <summary>The first value of the input that is not empty, or null.</summary>
    public string? Value(string name) => values.TryGetValue(name, out var posted) ? posted.FirstOrDefault(v => v.Length > 0) : null;

    /// <summary>Every value of the input that is not blank (the boxes ticked, the asks written).</summary>
    public IReadOnlyList<string> Values(string name) => values.TryGetValue(name, out var posted) ? [.. posted.Where(v => !string.IsNullOrWhiteSpace(v))] : [];

    /// <summary>The form's values for the fields, as the JSON body of the same request would carry them; an empty input is one not given.</summary>
    public JsonObject ToRequest(IEnumerable<Field> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var request = new JsonObject();
        foreach (var field in fields)
        {
            if (field.IsList)
            {
                if (Has(field.FormName))
                {
                    request[field.Name] = new JsonArray([.. Values(field.FormName).Select(v => (JsonNode)v)]);
                }
            }
            else if (Value(field.FormName) is { } text)
            {
                request[field.Name] = field.FromForm(text);
            }
        }

        return request;
    }
}
