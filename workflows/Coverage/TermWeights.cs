namespace Replies.Workflows.Coverage;

/// <summary>
/// How much a term says about a matter: its inverse document frequency over a body of passages (the stored replies and
/// the policy library), less for the formulas every proposal and reply share (加强, 推进, 进一步, 关于 …), and less for
/// a character pair than for a word.
/// </summary>
public sealed class TermWeights
{
    private const double PairShare = 0.5;
    private const double FormulaShare = 0.1;

    private static readonly HashSet<string> Formulas = new(StringComparer.Ordinal)
    {
        "建议", "提案", "关于", "我们", "进一步", "加强", "推动", "推进", "工作", "发展", "相关", "有关", "以及", "通过", "进行",
        "开展", "提升", "全面", "积极", "持续", "不断", "我市", "全市", "市委", "市政府", "政府", "部门", "单位", "答复", "如下",
        "现将", "收悉", "代表", "委员", "感谢", "支持", "关心", "问题", "方面", "情况", "主要", "重点", "实施", "落实", "完善",
        "一是", "二是", "三是", "同时", "目前", "下一步", "打算", "建设", "提高", "促进", "作用", "充分", "切实", "围绕", "构建",
        "加大", "深入", "大力", "坚持", "按照", "根据", "为了", "其中", "已经", "正在", "我局", "力度", "工作机制", "机制", "体系",
        "有效", "强化", "优化", "健全", "不足", "存在", "需要", "我们将", "将", "继续", "努力", "做好", "高度重视", "研究",
    };

    private readonly Dictionary<string, int> _documentFrequency;
    private readonly int _documents;

    private TermWeights(Dictionary<string, int> documentFrequency, int documents)
    {
        _documentFrequency = documentFrequency;
        _documents = documents;
    }

    /// <summary>The weights learned from <paramref name="passages"/>: each is one document.</summary>
    public static TermWeights Learn(IEnumerable<string> passages)
    {
        ArgumentNullException.ThrowIfNull(passages);
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var documents = 0;
        foreach (var passage in passages)
        {
            documents++;
            foreach (var term in ChineseTerms.Of(passage).Distinct(StringComparer.Ordinal))
            {
                frequency[term] = frequency.GetValueOrDefault(term) + 1;
            }
        }

        return new TermWeights(frequency, documents);
    }

    /// <summary>How many passages the weights were learned from.</summary>
    public int Documents => _documents;

    /// <summary>BM25's inverse document frequency of the term, times its share (pair, formula).</summary>
    public double Of(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        var df = _documentFrequency.GetValueOrDefault(term);
        var idf = Math.Log(1 + ((_documents - df + 0.5) / (df + 0.5)));
        return idf * Share(term);
    }

    /// <summary>Whether a term is one of the formulas, or a pair inside one, that say nothing about the matter.</summary>
    public static bool IsFormula(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        var body = term.Length > 2 && term[1] == ':' ? term[2..] : term;
        return Formulas.Contains(body) || (term.StartsWith("b:", StringComparison.Ordinal) && Search.KeyTerms.IsFormulaic(body));
    }

    private static double Share(string term) =>
        (term.StartsWith("b:", StringComparison.Ordinal) ? PairShare : 1) * (IsFormula(term) ? FormulaShare : 1);
}
