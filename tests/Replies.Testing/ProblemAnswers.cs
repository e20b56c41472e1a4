using System.Text.Json;

namespace Replies.Testing;

/// <summary>The one check of an error answer: RFC 7807 problem details with a Chinese title and the field errors.</summary>
public static class ProblemAnswers
{
    /// <summary>
    /// What is wrong with an answer that should be problem details with <paramref name="status"/> (and an error for
    /// <paramref name="field"/>), or null when it is right; the problem's JSON is given back for further checks.
    /// </summary>
    public static string? Mismatch(HttpResponseMessage response, string text, int status, string? field, out JsonElement problem)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(text);
        problem = default;
        if ((int)response.StatusCode != status)
        {
            return $"{(int)response.StatusCode}, expected {status}: {text[..Math.Min(text.Length, 300)]}";
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return "not a problem detail";
        }

        problem = JsonDocument.Parse(text).RootElement.Clone();
        if (!problem.TryGetProperty("title", out var title) || !title.GetString()!.Any(c => c >= '\u4E00'))
        {
            return $"no Chinese title: {text}";
        }

        return field is not null && (!problem.TryGetProperty("errors", out var errors) || !errors.TryGetProperty(field, out _))
            ? $"no error for field {field}: {text[..Math.Min(text.Length, 300)]}"
            : null;
    }
}
