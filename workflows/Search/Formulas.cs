namespace Replies.Workflows.Search;

/// <summary>
/// The formulas every proposal and reply shares (关于, 建议, 进一步, 推进, 加强, 我市 …): they say nothing about an item's
/// matter, so they neither make two items look alike, nor match a search, nor count towards an ask being answered.
/// </summary>
public static class Formulas
{
    private static readonly HashSet<string> WordSet = new(StringComparer.Ordinal)
    {
        "关于", "建议", "提案", "我们", "进一步", "加强", "推动", "推进", "工作", "发展", "相关", "有关", "以及", "通过", "进行",
        "开展", "提升", "全面", "积极", "持续", "不断", "我市", "全市", "市委", "市政府", "政府", "部门", "单位", "答复", "如下",
        "现将", "收悉", "代表", "委员", "您的", "感谢", "支持", "关心", "问题", "方面", "情况", "主要", "重点", "实施", "落实", "完善",
        "一是", "二是", "三是", "四是", "五是", "同时", "目前", "下一步", "打算", "建设", "提高", "促进", "作用", "充分", "切实",
        "围绕", "构建", "加大", "培育", "深入", "大力", "坚持", "按照", "根据", "为了", "其中", "已经", "正在", "我局", "力度",
        "工作机制", "有效", "强化", "优化", "健全", "不足", "存在", "需要", "我们将", "继续", "努力", "做好", "高度重视", "研究",
        "的建议", "的提案",
    };

    // Longest first, so 进一步 goes before 一步 would.
    private static readonly string[] ByLength = [.. WordSet.OrderByDescending(w => w.Length).ThenBy(w => w, StringComparer.Ordinal)];

    // The two-character pieces of the formulas (进一步 → 进一, 一步), which a character-pair index sees instead.
    private static readonly HashSet<string> Pairs = new(
        WordSet.SelectMany(c => Enumerable.Range(0, c.Length - 1).Select(i => c.Substring(i, 2))),
        StringComparer.Ordinal);

    /// <summary>The formulas.</summary>
    public static IReadOnlySet<string> Words => WordSet;

    /// <summary>Whether <paramref name="word"/> is a formula.</summary>
    public static bool IsFormula(string word) => WordSet.Contains(word);

    /// <summary>Whether a character pair is a piece of a formula.</summary>
    public static bool IsFormulaicPair(string pair) => Pairs.Contains(pair);

    /// <summary>
    /// The text with each formula replaced by a space, so that no character pair spans one (进一步推进 gives no 步推).
    /// </summary>
    public static string Strip(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var formula in ByLength)
        {
            if (text.Contains(formula, StringComparison.Ordinal))
            {
                text = text.Replace(formula, " ", StringComparison.Ordinal);
            }
        }

        return text;
    }
}
