using System.Text.RegularExpressions;
using Replies.Workflows.Intake;
using Replies.Workflows.Search;

namespace Replies.Workflows.Letters;

/// <summary>One thing a reviewer would send a draft back for.</summary>
public sealed record LetterIssue(string Code, string Message);

/// <summary>What the check found, and the key terms of the proposal the draft answers (or does not).</summary>
public sealed record LetterCheckResult(IReadOnlyList<LetterIssue> Issues, IReadOnlyList<string> AnsweredTerms, IReadOnlyList<string> MissedTerms)
{
    /// <summary>Whether nothing was found.</summary>
    public bool IsClean => Issues.Count == 0;
}

/// <summary>What the check needs to know of the item and the draft.</summary>
public sealed record LetterCheckInput(
    string ProposerName,
    ProposalKind Kind,
    string Title,
    string? ProposalBody,
    string DraftText,
    string? HandlerName,
    string? HandlerPhone,
    Disclosure? Disclosure);

/// <summary>
/// Checks a draft reply before it goes for approval, the way a reviewing leader or the clerk office reads it: the
/// salutation matches the proposer's name and kind (××代表 for a 建议, ××委员 for a 提案); the title is cited exactly in
/// 《》 followed by 收悉; the answer goes point by point (一、二、…) and has a closing; the handler and phone are given;
/// a version meant for publication carries no phone numbers or e-mail; and the body takes up the proposal's main
/// points (its most frequent key terms).
/// </summary>
public static partial class LetterCheck
{
    /// <summary>Runs every check.</summary>
    public static LetterCheckResult Run(LetterCheckInput input)
    {
        var issues = new List<LetterIssue>();
        var text = TextNormaliser.Normalise(input.DraftText).Text;
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var expected = input.ProposerName + Labels.Title(input.Kind);
        if (lines.Length > 0 && Salutation().Match(lines[0]) is { Success: true } s)
        {
            var written = s.Groups[1].Value;
            if (!written.EndsWith(expected, StringComparison.Ordinal))
            {
                issues.Add(new("salutation", $"称呼“{written}”与提出人不符，应为“{expected}”。"));
            }
        }

        var cited = Cited().Matches(text).Select(m => m.Groups[1].Value).ToList();
        if (!cited.Contains(input.Title))
        {
            issues.Add(new("title", cited.Count == 0
                ? $"未在《》中引用{Labels.Noun(input.Kind)}标题《{input.Title}》。"
                : $"引用的标题《{cited[0]}》与{Labels.Noun(input.Kind)}标题《{input.Title}》不一致。"));
        }
        else if (!Acknowledged().IsMatch(text))
        {
            issues.Add(new("received", "引用标题后应写明“收悉”。"));
        }

        if (!Heading().IsMatch(text))
        {
            issues.Add(new("points", "答复未逐条作答（缺少“一、二、”等分项）。"));
        }

        if (!Closing().IsMatch(lines.LastOrDefault() ?? "") && !lines.TakeLast(3).Any(l => Closing().IsMatch(l)))
        {
            issues.Add(new("closing", "缺少结束语（如“感谢您对……工作的关心和支持”）。"));
        }

        if (string.IsNullOrWhiteSpace(input.HandlerName))
        {
            issues.Add(new("handler", "未填写承办人。"));
        }

        if (string.IsNullOrWhiteSpace(input.HandlerPhone))
        {
            issues.Add(new("phone", "未填写联系电话。"));
        }

        if (Publication.IsPublished(input.Disclosure) && ContactDetail().IsMatch(text))
        {
            issues.Add(new("contact", "拟公开的答复正文中含有电话或电子邮箱，公开前应删除。"));
        }

        var terms = input.ProposalBody is { Length: > 0 } body ? KeyTerms.Of(input.Title + "\n" + body, 12) : KeyTerms.Of(input.Title, 6);
        // Citing the title is not answering it: quoted titles do not count.
        var answer = Cited().Replace(text, "");
        // A reply names a long subject in part (中试基地 for 科技成果转化中试基地): any four characters of it count.
        var answered = terms.Where(t => Windows(t, 4).Any(w => answer.Contains(w, StringComparison.Ordinal))).ToList();
        var missed = terms.Except(answered).ToList();
        if (terms.Count > 0 && answered.Count == 0)
        {
            issues.Add(new("relevance", $"答复未涉及{Labels.Noun(input.Kind)}的主要内容（{string.Join("、", terms.Take(5))}）。"));
        }

        return new LetterCheckResult(issues, answered, missed);
    }

    private static IEnumerable<string> Windows(string term, int size) =>
        term.Length <= size ? [term] : Enumerable.Range(0, term.Length - size + 1).Select(i => term.Substring(i, size));

    [GeneratedRegex(@"^(?:尊敬的)?([\u4E00-\u9FFF·]{2,10})[：:]$")]
    private static partial Regex Salutation();

    [GeneratedRegex(@"《([^》]{2,120})》")]
    private static partial Regex Cited();

    [GeneratedRegex(@"》[^。\n]{0,20}收悉")]
    private static partial Regex Acknowledged();

    [GeneratedRegex(@"(?m)^[一二三四五六七八九十]+、")]
    private static partial Regex Heading();

    [GeneratedRegex(@"感谢|谢谢|特此答复|此复|专此答复|欢迎.*监督|继续关心")]
    private static partial Regex Closing();

    [GeneratedRegex(@"(?<!\d)(?:\(?0\d{2,3}\)?[-－ ]?\d{7,8}|1[3-9]\d{9})(?!\d)|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex ContactDetail();
}
