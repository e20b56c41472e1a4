using System.Text.RegularExpressions;

namespace Replies.Workflows.Letters;

/// <summary>
/// The published text of a reply: contact details removed (承办人, phone and e-mail lines, and numbers or addresses
/// inside lines), and for 摘要公开 only the opening and the section headings.
/// </summary>
public static partial class Publication
{
    /// <summary>Whether a reply with this disclosure is published at all.</summary>
    public static bool IsPublished(Disclosure? disclosure) => disclosure is Disclosure.Full or Disclosure.Summary;

    /// <summary>The text the public may read, or null when the reply is not published.</summary>
    public static string? PublicText(string replyText, Disclosure? disclosure)
    {
        if (!IsPublished(disclosure))
        {
            return null;
        }

        var lines = replyText.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !ContactLine().IsMatch(l))
            .Select(l => Email().Replace(Phone().Replace(l, "（略）"), "（略）"))
            .ToList();
        if (disclosure == Disclosure.Summary)
        {
            lines = [.. lines.Take(1), .. lines.Skip(1).Where(l => Heading().IsMatch(l))];
        }

        return string.Join('\n', lines);
    }

    [GeneratedRegex(@"^(承办人|承辦人|联系人|聯系人|联系电话|聯系電話|聯繫電話|电话|電話|手机|手機|邮箱|電子郵箱|电子邮箱|传真)[：:]")]
    private static partial Regex ContactLine();

    // Landlines (0371-12345678, (0371)1234567) and mobiles (13812345678); years and amounts are shorter or unseparated.
    [GeneratedRegex(@"(?<!\d)(?:\(?0\d{2,3}\)?[-－ ]?\d{7,8}|1[3-9]\d{9})(?!\d)")]
    private static partial Regex Phone();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    [GeneratedRegex(@"^[一二三四五六七八九十]+、")]
    private static partial Regex Heading();
}
