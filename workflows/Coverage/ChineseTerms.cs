using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Replies.Workflows.Coverage;

/// <summary>
/// The terms a Chinese text is compared by: its words as SmartCn's dictionary segments them (prefixed <c>w:</c>) and
/// the character pairs of its Han runs (<c>b:</c>), which still match where the segmenter cut a phrase differently.
/// The equivalents officials use (高企 = 高新技术企业) are written in their full form first.
/// </summary>
public static class ChineseTerms
{
    // SmartCn loads its dictionaries once; an analyzer is safe to share across threads.
    private static readonly SmartChineseAnalyzer Analyzer = new(LuceneVersion.LUCENE_48);

    /// <summary>The words and pairs of <paramref name="text"/>, with repeats.</summary>
    public static IReadOnlyList<string> Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var expanded = Equivalents.Expand(text);
        var terms = new List<string>();
        foreach (var word in Words(expanded))
        {
            terms.Add("w:" + word);
        }

        foreach (var pair in Pairs(expanded))
        {
            terms.Add("b:" + pair);
        }

        return terms;
    }

    /// <summary>The words of <paramref name="text"/> of two characters or more that contain a Han character or a digit.</summary>
    public static IEnumerable<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        using var stream = Analyzer.GetTokenStream("t", new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var word = term.ToString();
            if (word.Length >= 2 && word.Any(c => Intake.TextNormaliser.IsHan(c) || char.IsLetterOrDigit(c)))
            {
                words.Add(word);
            }
        }

        stream.End();
        return words;
    }

    /// <summary>The character pairs of the Han runs of <paramref name="text"/>.</summary>
    public static IEnumerable<string> Pairs(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (Intake.TextNormaliser.IsHan(text[i]) && Intake.TextNormaliser.IsHan(text[i + 1]))
            {
                yield return text.Substring(i, 2);
            }
        }
    }
}
