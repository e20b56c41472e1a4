using System.Text.RegularExpressions;

namespace Replies.Workflows.Coverage;

/// <summary>Whether a reply answers an ask, as advice to the people who write and approve it (never a gate).</summary>
public enum CoverageLabel
{
    /// <summary>答复了.</summary>
    Answered,

    /// <summary>部分答复.</summary>
    AnsweredInPart,

    /// <summary>未答复.</summary>
    NotAnswered,
}

/// <summary>What the passage that answers an ask says: a commitment, work already done, or a refusal.</summary>
public enum AnswerKind
{
    /// <summary>已办: work already done (已, 目前已).</summary>
    Done,

    /// <summary>承诺: what will be done (下一步, 将, 拟, 计划).</summary>
    Commitment,

    /// <summary>暂不采纳: a refusal or a limit (暂不, 难以, 受…限制).</summary>
    Refusal,
}

/// <summary>A passage that answers an ask, how much of the ask it covers and the terms they share.</summary>
public sealed record PassageMatch(int Passage, double Score, double Coverage, IReadOnlyList<string> Words);

/// <summary>One ask: how well the reply answers it, by which passages, and how.</summary>
public sealed record AskCoverage(int Index, string Ask, CoverageLabel Label, double Coverage, IReadOnlyList<PassageMatch> Best, AnswerKind? Kind);

/// <summary>A reply's coverage of a proposal's asks, with the passages it was read as.</summary>
public sealed record DraftCoverage(IReadOnlyList<AskCoverage> Asks, IReadOnlyList<ReplyPassage> Passages);

/// <summary>
/// Scores each ask against each passage of a reply with BM25 over words and character pairs (weights from
/// <see cref="TermWeights"/>), links each ask to its best passages, and labels it by how much of its weight the best
/// passage, or the best two together, cover.
/// </summary>
public sealed partial class CoverageScorer(TermWeights weights)
{
    private const double K1 = 1.2;
    private const double B = 0.75;
    private const double Answered = 0.5;
    private const double InPart = 0.38;
    private const double Owned = 0.15;

    /// <summary>The coverage of <paramref name="asks"/> by <paramref name="reply"/>.</summary>
    public DraftCoverage Score(IReadOnlyList<string> asks, string reply)
    {
        ArgumentNullException.ThrowIfNull(asks);
        ArgumentNullException.ThrowIfNull(reply);
        var passages = ReplyPassages.Split(reply);
        var bags = passages.Select(p => Bag(ChineseTerms.Of(p.Section is null ? p.Text : p.Section + "\n" + p.Text))).ToList();
        var averageLength = bags.Count == 0 ? 1 : Math.Max(1, bags.Average(b => b.Values.Sum()));
        var askBags = asks.Select(a => Bag(ChineseTerms.Of(a))).ToList();
        var totals = askBags.Select(b => b.Keys.Sum(weights.Of)).ToList();
        double Cover(int a, IEnumerable<string> terms) => totals[a] <= 0 ? 0 : terms.Distinct(StringComparer.Ordinal).Sum(weights.Of) / totals[a];
        var shared = askBags.Select(ask => bags.Select(bag => ask.Keys.Where(bag.ContainsKey).ToList()).ToList()).ToList();
        var cover = shared.Select((row, a) => row.Select(terms => Cover(a, terms)).ToList()).ToList();

        // Each passage answers, first of all, the ask it covers most: an ask whose nearest passages all answer other
        // asks better is not answered by them unless they cover it well.
        var claimant = Enumerable.Range(0, passages.Count).Select(p => asks.Count == 0 ? -1 : Enumerable.Range(0, asks.Count).MaxBy(a => cover[a][p])).ToList();
        var results = new List<AskCoverage>();
        for (var a = 0; a < asks.Count; a++)
        {
            var ranked = bags.Select((bag, p) => (Passage: p, Score: Bm25(askBags[a], bag, averageLength)))
                .Where(r => r.Score > 0).OrderByDescending(r => r.Score).Take(3).ToList();
            var owned = ranked.Where(r => claimant[r.Passage] == a && cover[a][r.Passage] >= Owned).ToList();
            if (ranked.Count > 0 && claimant[ranked[0].Passage] != a && cover[a][ranked[0].Passage] < Answered && owned.Count > 0)
            {
                // The nearest passage answers another ask: link this one to the nearest passage it owns.
                ranked.Remove(owned[0]);
                ranked.Insert(0, owned[0]);
            }

            var best = ranked.Select(r => new PassageMatch(r.Passage, Math.Round(r.Score, 3), Math.Round(cover[a][r.Passage], 3), Shown(shared[a][r.Passage]))).ToList();
            var one = best.Count > 0 ? cover[a][best[0].Passage] : 0;
            var two = best.Count > 1 ? Cover(a, shared[a][best[0].Passage].Concat(shared[a][best[1].Passage])) : one;
            var label = one >= Answered || two >= Answered + 0.1 ? CoverageLabel.Answered
                : owned.Count == 0 ? CoverageLabel.NotAnswered
                : one >= InPart ? CoverageLabel.Answered
                : CoverageLabel.AnsweredInPart;
            var kind = label == CoverageLabel.NotAnswered ? (AnswerKind?)null : KindOf(passages[best[0].Passage]);
            results.Add(new AskCoverage(a, asks[a], label, Math.Round(Math.Max(one, two), 3), label == CoverageLabel.NotAnswered ? [] : best, kind));
        }

        return new DraftCoverage(results, passages);
    }

    /// <summary>Whether a passage reports work done, commits to work, or declines.</summary>
    public static AnswerKind KindOf(ReplyPassage passage)
    {
        ArgumentNullException.ThrowIfNull(passage);
        if (Refusal().IsMatch(passage.Text))
        {
            return AnswerKind.Refusal;
        }

        if (passage.Section is { } section && Plans().IsMatch(section))
        {
            return AnswerKind.Commitment;
        }

        var done = Done().Count(passage.Text);
        var will = Commitment().Count(passage.Text);
        return will > done ? AnswerKind.Commitment : AnswerKind.Done;
    }

    private double Bm25(Dictionary<string, int> ask, Dictionary<string, int> passage, double averageLength)
    {
        var length = passage.Values.Sum();
        var score = 0.0;
        foreach (var term in ask.Keys)
        {
            if (passage.TryGetValue(term, out var f))
            {
                score += weights.Of(term) * f * (K1 + 1) / (f + (K1 * (1 - B + (B * length / averageLength))));
            }
        }

        return score;
    }

    // The shared words people read, longest first, for highlighting (pairs only where no word covers them).
    private static IReadOnlyList<string> Shown(IEnumerable<string> terms)
    {
        var list = terms.Where(t => !TermWeights.IsFormula(t)).ToList();
        var words = list.Where(t => t.StartsWith("w:", StringComparison.Ordinal)).Select(t => t[2..]).ToList();
        var pairs = list.Where(t => t.StartsWith("b:", StringComparison.Ordinal)).Select(t => t[2..]).Where(p => !words.Any(w => w.Contains(p, StringComparison.Ordinal)));
        return [.. words.Concat(pairs).Distinct(StringComparer.Ordinal).OrderByDescending(w => w.Length)];
    }

    private static Dictionary<string, int> Bag(IEnumerable<string> terms)
    {
        var bag = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in terms)
        {
            bag[term] = bag.GetValueOrDefault(term) + 1;
        }

        return bag;
    }

    [GeneratedRegex("暂不|暂无|难以|无法|不具备|尚不具备|受[^。；]{1,12}限制|不予|不宜|超出.{0,6}职[责权]")]
    private static partial Regex Refusal();

    [GeneratedRegex("下一步|打算|计划|今后|将来")]
    private static partial Regex Plans();

    [GeneratedRegex("已经|目前已|已[^经]|先后|累计|截至|建成|出台了|印发了|开展了")]
    private static partial Regex Done();

    [GeneratedRegex("下一步|将[^来]|拟|计划|力争|继续|持续|进一步")]
    private static partial Regex Commitment();
}
