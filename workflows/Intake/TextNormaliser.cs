using System.Text;
using System.Text.RegularExpressions;

namespace Replies.Workflows.Intake;

/// <summary>The text as submitted and as normalised; both are kept.</summary>
public sealed record NormalisedText(string Original, string Text, int AnnotationsRemoved, int PunctuationRepaired);

/// <summary>
/// Cleans text pasted from the web and from Word: removes pinyin readings a faulty conversion left after characters
/// (<c>關(guān)于</c> → <c>關于</c>) while leaving real parenthesised text alone, puts Chinese punctuation where ASCII
/// punctuation sits in Chinese text, collapses doubled marks (<c>,,</c> <c>、,</c> <c>,。</c>) to the one that was meant,
/// and drops invisible characters and trailing spaces. Every other character is kept.
/// </summary>
public static partial class TextNormaliser
{
    // Marks in order of strength: a run of them collapses to the strongest.
    private const string Strength = "，、：；。？！";

    /// <summary>Normalises <paramref name="text"/>.</summary>
    public static NormalisedText Normalise(string text)
    {
        var annotations = 0;
        var cleaned = WithoutInvisible(text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'));
        cleaned = cleaned.Replace('\u00A0', ' ').Replace('\u3000', ' ');
        cleaned = PinyinReading().Replace(cleaned, m =>
        {
            annotations++;
            return "";
        });
        var repaired = 0;
        var widened = WidenPunctuation(cleaned, ref repaired);
        widened = MarkRun().Replace(widened, m =>
        {
            repaired += m.Length - 1;
            return m.Value.MaxBy(Strength.IndexOf).ToString();
        });
        var lines = widened.Split('\n').Select(l => l.Trim());
        var joined = BlankLines().Replace(string.Join('\n', lines), "\n\n").Trim();
        return new NormalisedText(text, joined, annotations, repaired);
    }

    /// <summary>
    /// The text without the invisible characters pasting leaves (zero-width spaces, BOM, soft hyphen), and without the
    /// zero-width joiners that join nothing. A joiner (ZWJ, ZWNJ) between two parts of an emoji (👨‍👩‍👧) or two letters
    /// of a script that shapes by it (Arabic, Persian, the Indic scripts, Mongolian) is part of the text and stays.
    /// </summary>
    public static string WithoutInvisible(string text) =>
        Invisible().Replace(text, m => m.Value is "\u200C" or "\u200D" && Joins(text, m.Index) ? m.Value : "");

    /// <summary>Whether a character is a CJK ideograph (basic block and extension A).</summary>
    public static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    private static string WidenPunctuation(string text, ref int repaired)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var wide = c switch { ',' => '，', ';' => '；', ':' => '：', '!' => '！', '?' => '？', _ => '\0' };
            if (wide != '\0' && InChinese(text, i) && !(c == ':' && IsTime(text, i)))
            {
                sb.Append(wide);
                if (i + 1 < text.Length && text[i + 1] == ' ')
                {
                    i++;
                }

                repaired++;
                continue;
            }

            sb.Append(c);
        }

        var parens = 0;
        var result = ParenthesisedChinese().Replace(sb.ToString(), m =>
        {
            parens++;
            return "（" + m.Groups[1].Value + "）";
        });
        repaired += parens;
        return result;
    }

    // ASCII punctuation counts as Chinese when a Chinese character or mark sits on either side.
    private static bool InChinese(string text, int i)
    {
        static bool Chinese(char c) => IsHan(c) || Strength.Contains(c, StringComparison.Ordinal) || "“”《》（）".Contains(c, StringComparison.Ordinal);
        var before = i > 0 ? text[i - 1] : ' ';
        var j = i + 1;
        while (j < text.Length && text[j] == ' ')
        {
            j++;
        }

        var after = j < text.Length ? text[j] : ' ';
        return Chinese(before) || Chinese(after);
    }

    private static bool Joins(string text, int at) =>
        at > 0 && at + 1 < text.Length && Joinable(text[at - 1]) && Joinable(text[at + 1]);

    // A side a joiner can join: part of an emoji (a surrogate of a pictograph, a symbol, the emoji presentation
    // selector) or a letter of a script that joins.
    private static bool Joinable(char c) =>
        char.IsSurrogate(c) || c == '\uFE0F' || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.OtherSymbol
        || c is >= '\u0600' and <= '\u08FF' or >= '\u0900' and <= '\u0DFF' or >= '\u0F00' and <= '\u0FFF' or >= '\u1000' and <= '\u109F'
            or >= '\u1780' and <= '\u18AF' or >= '\uFB50' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFE';

    private static bool IsTime(string text, int i) =>
        i > 0 && i + 1 < text.Length && char.IsAsciiDigit(text[i - 1]) && char.IsAsciiDigit(text[i + 1]);

    [GeneratedRegex(@"[\u200B-\u200F\u2060\uFEFF\u00AD]")]
    private static partial Regex Invisible();

    // A pinyin syllable (with or without tone marks) in ASCII parentheses right after a Han character.
    [GeneratedRegex(@"(?<=[\u3400-\u4DBF\u4E00-\u9FFF])\((?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouvüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]{1,3}(?:ng|n|r)?\)")]
    private static partial Regex PinyinReading();

    [GeneratedRegex(@"[，、：；。？！]{2,}")]
    private static partial Regex MarkRun();

    [GeneratedRegex(@"\(([^()\n]*[\u4E00-\u9FFF][^()\n]*)\)")]
    private static partial Regex ParenthesisedChinese();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();
}
