namespace Replies.Workflows.Search;

/// <summary>
/// The key terms of a Chinese text without a word list: the two- to four-character runs of Han characters that recur
/// most, less the function words of official letters. Good enough to tell whether a reply takes up a proposal's
/// points and to pick passages that share its subject.
/// </summary>
public static class KeyTerms
{
    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "关于", "建议", "提案", "我们", "进一步", "加强", "推动", "推进", "工作", "发展", "相关", "有关", "以及", "通过", "进行",
        "开展", "提升", "全面", "积极", "持续", "不断", "我市", "全市", "市委", "政府", "部门", "单位", "答复", "如下", "现将",
        "收悉", "代表", "委员", "您的", "感谢", "支持", "关心", "问题", "方面", "情况", "主要", "重点", "实施", "落实", "完善",
        "一是", "二是", "三是", "四是", "五是", "同时", "目前", "下一步", "打算", "建设", "提高", "促进", "作用", "充分", "切实",
        "围绕", "构建", "加大", "培育", "深入", "大力", "坚持", "按照", "根据", "为了", "以及", "其中", "已经", "正在", "我局",
        "的建议", "的提案",
    };

    // The two-character pieces of the formulaic words (进一步 → 进一, 一步), which a bigram index sees instead.
    private static readonly HashSet<string> FormulaicBigrams = new(
        Common.SelectMany(c => Enumerable.Range(0, c.Length - 1).Select(i => c.Substring(i, 2))),
        StringComparer.Ordinal);

    /// <summary>
    /// Whether a bigram is only a piece of the formulas every proposal and reply share (关于, 的建议, 推进, 进一步 …),
    /// which says nothing about the matter and must not make two items look alike.
    /// </summary>
    public static bool IsFormulaic(string bigram) => FormulaicBigrams.Contains(bigram);

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
        Common.Contains(term) || Common.Any(c => term.Length > c.Length && (term.StartsWith(c, StringComparison.Ordinal) || term.EndsWith(c, StringComparison.Ordinal)));

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
