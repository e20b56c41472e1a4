using System.Text.RegularExpressions;

namespace Replies.Workflows.Coverage;

/// <summary>
/// Splits a proposal's text into its asks (建议事项). Where the text has a part that makes the suggestions (二、几点建议,
/// 为此建议：, 建议如下：), only that part is read; in it the first list whose members count up from one gives the asks
/// (sub-lists stay inside their ask). A text with no list is one ask.
/// </summary>
public static partial class AskSplitter
{
    /// <summary>The asks of <paramref name="text"/>, each without its ordinal, in order.</summary>
    public static IReadOnlyList<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Split what intake stores: pasted text with pinyin readings and doubled marks (一,、) gives the same asks.
        text = Intake.TextNormaliser.Normalise(text).Text;
        var (start, end) = SuggestionPart(text);
        var cues = ListCues.Find(text, start, end);
        var runs = ListCues.Runs(cues);
        var run = runs.Count > 0 ? runs[0] : null;
        if (run is null)
        {
            // One ask: the part without its closing line (请予支持, 以上建议请予考虑).
            var part = text[start..end];
            var closing = ClosingSentence().Match(part);
            var whole = Clean(closing.Success && closing.Index > 0 ? part[..closing.Index] : part);
            return whole.Length == 0 ? [] : [whole];
        }

        var asks = new List<string>();
        for (var i = 0; i < run.Cues.Count; i++)
        {
            var from = run.Cues[i].End;
            var to = i + 1 < run.Cues.Count ? run.Cues[i + 1].Start : LastEnd(text, run, end);
            var ask = Clean(text[from..to]);
            if (ask.Length > 0)
            {
                asks.Add(ask);
            }
        }

        return asks;
    }

    // The part that makes the suggestions: after a heading or lead-in that announces them, up to the next heading of
    // the same list (or the end); the whole text when nothing announces them.
    private static (int Start, int End) SuggestionPart(string text)
    {
        foreach (Match heading in SuggestionHeading().Matches(text))
        {
            // A numbered heading (三、对策建议) ends where its list's next member begins.
            var start = heading.Index + heading.Length;
            var cues = ListCues.Find(text);
            var own = cues.FirstOrDefault(c => c.Start == heading.Index + heading.Groups["lead"].Length);
            var end = text.Length;
            if (own.End > 0)
            {
                var next = cues.FirstOrDefault(c => c.Family == own.Family && c.Ordinal == own.Ordinal + 1 && c.Start > start);
                if (next.End > 0)
                {
                    end = next.Start;
                }
            }

            return (start, end);
        }

        var lead = SuggestionLead().Matches(text).LastOrDefault();
        return lead is null ? (0, text.Length) : (lead.Index + lead.Length, text.Length);
    }

    // A list of headings with paragraphs under them runs to the end of the part; an inline list ends with its
    // paragraph, so a closing line (以上建议，请予考虑) is not read as part of the last ask.
    private static int LastEnd(string text, ListCues.Run run, int end)
    {
        var last = run.Cues[^1];
        var spansLines = run.AtLineStarts && run.Cues.Zip(run.Cues.Skip(1)).Any(p => text.AsSpan(p.First.End, p.Second.Start - p.First.End).Trim().Contains('\n'));
        var paragraphEnd = text.IndexOf('\n', last.End);
        var stop = spansLines || paragraphEnd < 0 || paragraphEnd > end ? end : paragraphEnd;
        var closing = ClosingSentence().Match(text[last.End..stop]);
        return closing.Success ? last.End + closing.Index : stop;
    }

    // The ask without leading marks and trailing separators; lines joined as they read.
    private static string Clean(string ask)
    {
        var lines = ask.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);
        return string.Join('\n', lines).Trim().TrimStart('，', ',', '、', '：', ':', '.', '．', ' ').TrimEnd('；', ';', '，', ',', '、', '。', ' ', '\n');
    }

    [GeneratedRegex(@"(?m)^(?<lead>[ \t\u3000]*)(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[.．、])?[^\n。，,]{0,8}(?:建议|对策|意见)(?:如下)?[:：]?[ \t\u3000]*$")]
    private static partial Regex SuggestionHeading();

    [GeneratedRegex(@"(?:特提出|提出|现提出|为此[，,]?(?:特)?)?(?:如下|以下|几点|几条|以下几点)?建议(?:如下)?[:：]|建议[:：]")]
    private static partial Regex SuggestionLead();

    [GeneratedRegex(@"[。；;！!]?\s*(?:以上建议|以上意见|特此|恳请|望予|请予|妥否)[^\n]*$")]
    private static partial Regex ClosingSentence();
}
