namespace Replies.Workflows.Fields;

/// <summary>Validation messages per field (camelCase JSON names), in Chinese, for a problem details response.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    /// <summary>Whether the field has a message already.</summary>
    public bool Has(string field) => _errors.ContainsKey(field);

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
        var trimmed = value is null ? "" : Intake.TextNormaliser.WithoutInvisible(value).Trim();
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
        else
        {
            CheckCharacters(field, trimmed, label);
        }

        return trimmed;
    }

    /// <summary>Allows null or a string no longer than <paramref name="max"/>.</summary>
    public string? Optional(string field, string? value, string label, int max)
    {
        var trimmed = value is null ? null : Intake.TextNormaliser.WithoutInvisible(value).Trim();
        if (trimmed is { Length: > 0 } && trimmed.Length > max)
        {
            Add(field, $"{label}不能超过{max}个字。");
        }
        else if (trimmed is { Length: > 0 })
        {
            CheckCharacters(field, trimmed, label);
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

    /// <summary>
    /// Refuses characters no person types and that make text display other than it reads: control characters (NUL,
    /// escape sequences), direction overrides and isolates (text that shows reversed), unpaired surrogates,
    /// noncharacters, and long runs of combining marks stacked on one letter. Invisible characters that pasting leaves
    /// are removed before this (<see cref="TextInput"/>), not refused.
    /// </summary>
    public void CheckCharacters(string field, string value, string label)
    {
        var marks = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            string? problem = c switch
            {
                '\n' or '\t' => null,
                < ' ' or >= '\u007F' and <= '\u009F' => "控制字符",
                >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' => "文字方向控制符",
                // U+FFFD stands where a sender's encoding broke a character.
                '\uFFFD' or '\uFFFE' or '\uFFFF' => "无效字符",
                _ when char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]) => null,
                _ when char.IsSurrogate(c) => "无效字符",
                _ => null,
            };
            if (char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(value[i - 1]))
            {
                problem = null;
            }

            var category = char.GetUnicodeCategory(c);
            marks = category is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.EnclosingMark ? marks + 1 : 0;
            if (problem is null && marks > 4)
            {
                problem = "叠加的组合符号";
            }

            if (problem is not null)
            {
                Add(field, $"{label}含有{problem}（第{i + 1}个字符），请删除后重试。");
                return;
            }
        }
    }

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
