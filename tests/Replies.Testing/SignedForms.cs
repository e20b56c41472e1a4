using System.Text.RegularExpressions;

namespace Replies.Testing;

/// <summary>
/// A page's form posted as a browser posts it: with the antiforgery token the page carried. Every test that posts a
/// form builds it here.
/// </summary>
public static partial class SignedForms
{
    /// <summary>The field the app's antiforgery reads.</summary>
    public const string TokenField = "__RequestVerificationToken";

    /// <summary>The antiforgery token of a page's form (empty when the page has none).</summary>
    public static string Token(string html) => TokenPattern().Match(html).Groups[1].Value;

    /// <summary>The form's fields with the token of <paramref name="html"/>.</summary>
    public static FormUrlEncodedContent Of(string html, IEnumerable<KeyValuePair<string, string>> fields) =>
        new([new(TokenField, Token(html)), .. fields]);

    /// <summary>The form's fields with the token of <paramref name="html"/>.</summary>
    public static FormUrlEncodedContent Of(string html, params (string Name, string Value)[] fields) =>
        Of(html, fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
