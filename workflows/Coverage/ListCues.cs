using System.Text.RegularExpressions;

namespace Replies.Workflows.Coverage;

/// <summary>
/// The ordinal and list cues of Chinese official writing (一是, 一、, （一）, 1. and 1、, （1）, ①, 第一, 首先…最后, 一要)
/// and the consecutive runs they form. A cue counts only where a sentence, clause or line may begin, and only in a run
/// that counts up from one: 一是 also occurs inside sentences (统一是…), 1. inside numbers.
/// </summary>
public static partial class ListCues
{
    /// <summary>A kind of cue; the members of one list share it.</summary>
    public enum Family
    {
        /// <summary>一是 / 二是.</summary>
        Shi,

        /// <summary>一要 / 二要.</summary>
        Yao,

        /// <summary>一、 / 二、.</summary>
        Dun,

        /// <summary>（一） / （二）.</summary>
        Paren,

        /// <summary>1. / 1、 / 1．.</summary>
        Arabic,

        /// <summary>（1） / (1).</summary>
        ArabicParen,

        /// <summary>① / ②.</summary>
        Circled,

        /// <summary>第一 / 第二.</summary>
        Di,

        /// <summary>首先 / 其次 / 再次 / 最后.</summary>
        Sequence,
    }

    /// <summary>One cue: its family, its number in the list, where it starts and where the text after it starts.</summary>
    public readonly record struct Cue(Family Family, int Ordinal, int Start, int End, bool AtLineStart);

    /// <summary>A list: cues of one family counting up from one, in order.</summary>
    public sealed record Run(Family Family, IReadOnlyList<Cue> Cues)
    {
        public int Start => Cues[0].Start;

        /// <summary>Whether every member begins a line (headings and numbered paragraphs rather than an inline list).</summary>
        public bool AtLineStarts => Cues.All(c => c.AtLineStart);
    }

    /// <summary>Every cue in <paramref name="text"/> between <paramref name="start"/> and <paramref name="end"/>, in order.</summary>
    public static IReadOnlyList<Cue> Find(string text, int start = 0, int? end = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stop = end ?? text.Length;
        var cues = new List<Cue>();
        foreach (Match m in CuePattern().Matches(text[..stop], start))
        {
            var lineStart = LineStart(text, m.Index);
            // 建议一是… and 建议一要… open a list straight after the verb.
            var afterVerb = m.Index >= 2 && text.AsSpan(m.Index - 2, 2) is "建议" && (m.Groups["shi"].Success || m.Groups["yao"].Success);
            if (!lineStart && !afterVerb && !AfterBreak(text, m.Index))
            {
                continue;
            }

            Cue? cue = m switch
            {
                _ when m.Groups["shi"].Success => Make(Family.Shi, Numeral(m.Groups["shi"].Value)),
                _ when m.Groups["yao"].Success => Make(Family.Yao, Numeral(m.Groups["yao"].Value)),
                _ when m.Groups["dun"].Success => Make(Family.Dun, Numeral(m.Groups["dun"].Value)),
                _ when m.Groups["paren"].Success => Make(Family.Paren, Numeral(m.Groups["paren"].Value)),
                _ when m.Groups["arabic"].Success => Make(Family.Arabic, int.Parse(m.Groups["arabic"].Value, System.Globalization.CultureInfo.InvariantCulture)),
                _ when m.Groups["aparen"].Success => Make(Family.ArabicParen, int.Parse(m.Groups["aparen"].Value, System.Globalization.CultureInfo.InvariantCulture)),
                _ when m.Groups["circled"].Success => Make(Family.Circled, m.Groups["circled"].Value[0] - '①' + 1),
                _ when m.Groups["di"].Success => Make(Family.Di, Numeral(m.Groups["di"].Value)),
                _ when m.Groups["seq"].Success => Make(Family.Sequence, m.Groups["seq"].Value switch { "首先" => 1, "其次" => 2, "再次" => 3, _ => int.MaxValue }),
                _ => null,
            };
            if (cue is { Ordinal: > 0 } c)
            {
                // 一、 and （一） begin headings and paragraphs; inline they are mostly enumerations of nouns.
                if (c.Family is Family.Dun or Family.Arabic && !lineStart && !AfterSentence(text, m.Index))
                {
                    continue;
                }

                cues.Add(c);
            }

            Cue Make(Family family, int ordinal) => new(family, ordinal, m.Index, m.Index + m.Length, lineStart);
        }

        return cues;
    }

    /// <summary>
    /// The runs of at least two cues of one family counting up from one. A 最后 closes a 首先 run; a cue out of order is
    /// passed over (it is text, not a list member).
    /// </summary>
    public static IReadOnlyList<Run> Runs(IReadOnlyList<Cue> cues)
    {
        ArgumentNullException.ThrowIfNull(cues);
        var runs = new List<Run>();
        foreach (var family in cues.Select(c => c.Family).Distinct())
        {
            List<Cue>? open = null;
            foreach (var cue in cues.Where(c => c.Family == family))
            {
                if (cue.Ordinal == 1)
                {
                    Close();
                    open = [cue];
                }
                else if (open is not null && (cue.Ordinal == open[^1].Ordinal + 1 || (cue.Ordinal == int.MaxValue && family == Family.Sequence)))
                {
                    open.Add(cue);
                    if (cue.Ordinal == int.MaxValue)
                    {
                        Close();
                    }
                }
            }

            Close();

            void Close()
            {
                if (open is { Count: >= 2 })
                {
                    runs.Add(new Run(family, open));
                }

                open = null;
            }
        }

        return [.. runs.OrderBy(r => r.Start)];
    }

    /// <summary>The value of a Chinese numeral from 一 to 九十九.</summary>
    public static int Numeral(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        static int Digit(char c) => "一二三四五六七八九".IndexOf(c, StringComparison.Ordinal) + 1;
        return digits switch
        {
            { Length: 1 } when digits[0] == '十' => 10,
            { Length: 1 } => Digit(digits[0]),
            { Length: 2 } when digits[0] == '十' => 10 + Digit(digits[1]),
            { Length: 2 } when digits[1] == '十' => Digit(digits[0]) * 10,
            { Length: 3 } when digits[1] == '十' => (Digit(digits[0]) * 10) + Digit(digits[2]),
            _ => 0,
        };
    }

    private static bool LineStart(string text, int index)
    {
        for (var i = index - 1; i >= 0; i--)
        {
            if (text[i] == '\n')
            {
                return true;
            }

            if (!char.IsWhiteSpace(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    // Where a clause may begin: after a sentence or clause mark, or a colon that introduces a list.
    private static bool AfterBreak(string text, int index) =>
        PreviousMark(text, index) is '。' or '；' or ';' or '：' or ':' or '，' or ',' or '！' or '？' or '、' or '（' or '“';

    private static bool AfterSentence(string text, int index) =>
        PreviousMark(text, index) is '。' or '；' or ';' or '：' or ':' or '！' or '？';

    private static char PreviousMark(string text, int index)
    {
        for (var i = index - 1; i >= 0; i--)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                return text[i];
            }
        }

        return '\n';
    }

    private const string Cn = "[一二三四五六七八九十]{1,3}";

    [GeneratedRegex(
        "(?<shi>" + Cn + ")是(?![的否])|(?<yao>" + Cn + ")要(?=[^求素点])|(?<dun>" + Cn + ")、|[（(](?<paren>" + Cn + ")[）)]|(?<![\\d.．])(?<arabic>\\d{1,2})(?:[.．](?!\\d)|、)|[（(](?<aparen>\\d{1,2})[）)]|(?<circled>[①-⑳])|第(?<di>" + Cn + ")(?=[，,、：:是])|(?<seq>首先|其次|再次|最后)(?=[，,、：:])")]
    private static partial Regex CuePattern();
}
