using System.Text.RegularExpressions;

namespace Replies.Workflows.Coverage;

/// <summary>One passage of a reply: its text, the heading it stands under (工作开展情况, 下一步打算) and where it starts.</summary>
public sealed record ReplyPassage(int Index, string Text, string? Section, int Start);

/// <summary>
/// Splits a reply into the passages that can answer an ask: each paragraph, and each member of a list inside a
/// paragraph (一是…二是…), under the heading it follows. The salutation, the 收悉 and 现答复如下 lines, the thanks, the
/// handler and phone lines, the signature and the date are left out: they answer nothing.
/// </summary>
public static partial class ReplyPassages
{
    /// <summary>The passages of <paramref name="reply"/>, in order.</summary>
    public static IReadOnlyList<ReplyPassage> Split(string reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var text = Intake.TextNormaliser.Normalise(reply).Text;
        var passages = new List<ReplyPassage>();
        string? section = null;
        (string Text, int Start)? bareHeading = null;
        var offset = 0;
        var first = true;
        foreach (var raw in text.Split('\n'))
        {
            var start = offset + (raw.Length - raw.TrimStart().Length);
            offset += raw.Length + 1;
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if ((first && Salutation().IsMatch(line)) || Formula().IsMatch(line) || Closing().IsMatch(line))
            {
                first = false;
                continue;
            }

            first = false;
            if (IsHeading(line))
            {
                // A heading with nothing under it (一、科技创新平台建设情况 followed by the next heading) says what it
                // says: it is a passage of its own.
                Bare();
                section = HeadingText(line);
                bareHeading = (section, start);
                continue;
            }

            bareHeading = null;
            foreach (var (part, at) in Parts(line))
            {
                passages.Add(new ReplyPassage(passages.Count, part, section, start + at));
            }
        }

        Bare();
        return passages;

        void Bare()
        {
            if (bareHeading is { } heading && heading.Text.Length > 0)
            {
                passages.Add(new ReplyPassage(passages.Count, heading.Text, null, heading.Start));
            }

            bareHeading = null;
        }
    }

    // A heading: a short line that opens with a cue and says no sentence (一、工作开展情况; 二、下一步打算).
    private static bool IsHeading(string line) =>
        line.Length <= 30 && !line.TrimEnd('。').Contains('。') && !line.EndsWith('。') && ListCues.Find(line) is [{ Start: 0 }, ..];

    private static string HeadingText(string line)
    {
        var cue = ListCues.Find(line)[0];
        return line[cue.End..].Trim().TrimEnd('：', ':');
    }

    // A paragraph, cut at an inline list that counts up from one: the lead-in (when it says something) and each member.
    private static IEnumerable<(string Text, int At)> Parts(string line)
    {
        var run = ListCues.Runs(ListCues.Find(line)).FirstOrDefault(r => !r.AtLineStarts || r.Cues[0].Start > 0);
        if (run is null)
        {
            yield return (line, 0);
            yield break;
        }

        var lead = line[..run.Start].Trim();
        if (lead.Length >= 10)
        {
            yield return (lead, 0);
        }

        for (var i = 0; i < run.Cues.Count; i++)
        {
            var from = run.Cues[i].Start;
            var to = i + 1 < run.Cues.Count ? run.Cues[i + 1].Start : line.Length;
            var part = line[from..to].Trim();
            if (part.Length > 0)
            {
                yield return (part, from);
            }
        }
    }

    // 王明新委员： / 尊敬的叶元朋代表： / 您好！
    [GeneratedRegex(@"^(?:尊敬的)?[^。，,]{1,20}(?:代表|委员|同志|先生|女士)?[:：]\s*(?:您好[!！]?)?$|^您好[!！]?$")]
    private static partial Regex Salutation();

    // The lines that carry no answer: 收悉 and 现答复如下, thanks, handler and phone, signature, date, copy list.
    [GeneratedRegex(@"收悉|^现(?:将|就)?.{0,20}答复如下[:：]?$|^(?:承办人|联系人|联系电话|电话|经办人|分管领导|签发人|抄送|附件)[:：\s]|^\d{4}年\d{1,2}月\d{1,2}日$|^[（(]?此件.{0,10}[）)]?$")]
    private static partial Regex Formula();

    [GeneratedRegex(@"^(?:再次)?(?:衷心)?感谢|^(?:欢迎|希望)您?(?:继续|一如既往).{0,30}[。！!]?$|^[^。，,\d]{2,20}(?:局|委员会|办公室|政府|厅|中心|委|办)$")]
    private static partial Regex Closing();
}
