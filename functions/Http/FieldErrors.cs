namespace Replies.Functions.Http;

/// <summary>Validation messages per field (camelCase JSON names), in Chinese, for a problem details response.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    /// <summary>Requires a non-blank string no longer than <paramref name="max"/>.</summary>
    public string Text(string field, string? value, string label, int max, int min = 1)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            Add(field, $"请填写{label}。");
        }
        else if (trimmed.Length < min)
        {
            Add(field, $"{label}至少{min}个字。");
        }
        else if (trimmed.Length > max)
        {
            Add(field, $"{label}不能超过{max}个字（现为{trimmed.Length}个字）。");
        }

        return trimmed;
    }

    /// <summary>Allows null or a string no longer than <paramref name="max"/>.</summary>
    public string? Optional(string field, string? value, string label, int max)
    {
        var trimmed = value?.Trim();
        if (trimmed is { Length: > 0 } && trimmed.Length > max)
        {
            Add(field, $"{label}不能超过{max}个字。");
        }

        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    /// <summary>Requires a value.</summary>
    public T Required<T>(string field, T? value, string label)
        where T : struct
    {
        if (value is null)
        {
            Add(field, $"请选择{label}。");
        }

        return value.GetValueOrDefault();
    }

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
