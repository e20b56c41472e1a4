namespace Replies.Workflows.Search;

/// <summary>
/// The key terms of a Chinese text without a word list: the two- to four-character runs of Han characters that recur
/// most, less the function words of official letters. Good enough to tell whether a reply takes up a proposal's
/// points and to pick passages that share its subject.
/// </summary>
public static class KeyTerms
{
    /// <summary>
    /// Whether a bigram is only a piece of the formulas every proposal and reply share (关于, 的建议, 推进, 进一步 …),
    /// which says nothing about the matter and must not make two items look alike.
    /// </summary>
    public static bool IsFormulaic(string bigram) => Formulas.IsFormulaicPair(bigram);

    /// <summary>
    /// The <paramref name="count"/> strongest key terms: recurring runs of two to twelve Han characters that are not
    /// part of a longer run recurring as often (so 科技创新平台 rather than 技创新平), neither open nor close with a
    /// function word, ranked by occurrences times length.
    /// </summary>
    public static IReadOnlyList<string> Of(string text, int count)
    {
        const int longest = 12;
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var run in Runs(text))
        {
            for (var length = 2; length <= longest; length++)
            {
                for (var i = 0; i + length <= run.Length; i++)
                {
                    var term = run.Substring(i, length);
                    frequency[term] = frequency.GetValueOrDefault(term) + 1;
                }
            }
        }

        // The most frequent one-character extension of each term, to tell which terms are closed.
        var extended = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (term, n) in frequency.Where(f => f.Key.Length > 2))
        {
            foreach (var part in new[] { term[..^1], term[1..] })
            {
                extended[part] = Math.Max(extended.GetValueOrDefault(part), n);
            }
        }

        var chosen = new List<string>();
        var candidates = frequency
            .Where(f => f.Value >= 2 && extended.GetValueOrDefault(f.Key) < f.Value && !IsFunctional(f.Key))
            .OrderByDescending(f => f.Value * f.Key.Length).ThenBy(f => f.Key, StringComparer.Ordinal);
        foreach (var (term, _) in candidates)
        {
            if (chosen.Any(c => c.Contains(term, StringComparison.Ordinal)))
            {
                continue;
            }

            chosen.Add(term);
            if (chosen.Count == count)
            {
                break;
            }
        }

        return chosen;
    }

    private static bool IsFunctional(string term) =>
        Formulas.IsFormula(term) || Formulas.Words.Any(c => term.Length > c.Length && (term.StartsWith(c, StringComparison.Ordinal) || term.EndsWith(c, StringComparison.Ordinal)));

    private static IEnumerable<string> Runs(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var han = i < text.Length && Intake.TextNormaliser.IsHan(text[i]);
            if (han && start < 0)
            {
                start = i;
            }
            else if (!han && start >= 0)
            {
                if (i - start >= 2)
                {
                    yield return text[start..i];
                }

                start = -1;
            }
        }
    }
}
