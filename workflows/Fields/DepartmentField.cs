using System.Text.Json.Nodes;

namespace Replies.Workflows.Fields;

/// <summary>A department of the directory, by its id (the form: a list of the directory's departments).</summary>
public sealed record DepartmentField(string Name, string Label) : Field(Name, Label)
{
    /// <summary>What the form's empty choice says when it is not required (（不变）).</summary>
    public string? Unchanged { get; init; }

    public override JsonObject Schema() => new() { ["type"] = "string" };

    public override ValueTask<object?> ReadAsync(JsonNode? value, FieldReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (value is not null && !FieldReading.IsText(value, out _))
        {
            return ValueTask.FromResult(reading.Wrong(this));
        }

        FieldReading.IsText(value, out var text);
        var id = text.Trim();
        if (id.Length == 0)
        {
            return ValueTask.FromResult(reading.Missing(this));
        }

        if (!reading.Lookups.IsDepartment(id))
        {
            reading.Errors.Add(Name, $"“{id}”不在单位名录中。");
        }

        return ValueTask.FromResult<object?>(id);
    }
}

/// <summary>
/// Departments of the directory besides the lead department given as <paramref name="Lead"/> (会办单位), at most ten;
/// none is an empty list (the form: a box to tick for each department).
/// </summary>
public sealed record DepartmentsField(string Name, string Label, string Lead) : Field(Name, Label)
{
    public const int Most = 10;

    public override bool IsList => true;

    public override JsonObject Schema() => new() { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" }, ["maxItems"] = Most };

    public override ValueTask<object?> ReadAsync(JsonNode? value, FieldReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (value is null)
        {
            return ValueTask.FromResult<object?>(Array.Empty<string>());
        }

        if (value is not JsonArray items || items.Any(i => !FieldReading.IsText(i, out _)))
        {
            return ValueTask.FromResult(reading.Wrong(this));
        }

        var lead = reading.Values.Get<string?>(Lead);
        var departments = items.Select(i => i!.GetValue<string>().Trim()).Distinct(StringComparer.Ordinal).ToList();
        foreach (var department in departments)
        {
            if (department.Length == 0 || !reading.Lookups.IsDepartment(department))
            {
                reading.Errors.Add(Name, $"“{department}”不在单位名录中。");
            }
            else if (department == lead)
            {
                reading.Errors.Add(Name, $"{Label}不能同时是主办单位。");
            }
        }

        if (departments.Count > 0 && lead is null && !reading.Errors.Has(Lead))
        {
            reading.Errors.Add(Name, $"指定{Label}须同时指定主办单位。");
        }

        if (departments.Count > Most)
        {
            reading.Errors.Add(Name, $"{Label}不能超过{Most}个。");
        }

        return ValueTask.FromResult<object?>(departments);
    }
}
