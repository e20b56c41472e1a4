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

    private readonly Func<string, int> _documentFrequency;
    private readonly int _documents;

    private TermWeights(Func<string, int> documentFrequency, int documents)
    {
        _documentFrequency = documentFrequency;
        _documents = documents;
    }

    /// <summary>
    /// The weights of a body of <paramref name="documents"/> documents whose frequencies <paramref name="frequency"/>
    /// tells (the search index, which holds every reply and library document); each is asked once.
    /// </summary>
    public static TermWeights From(int documents, Func<string, int> frequency)
    {
        ArgumentNullException.ThrowIfNull(frequency);
        var known = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        return new TermWeights(term => known.GetOrAdd(term, frequency), documents);
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

        return new TermWeights(term => frequency.GetValueOrDefault(term), documents);
    }

    /// <summary>How many passages the weights were learned from.</summary>
    public int Documents => _documents;

    /// <summary>BM25's inverse document frequency of the term, times its share (pair, formula).</summary>
    public double Of(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        var df = Math.Min(_documentFrequency(term), _documents);
        var idf = Math.Log(1 + ((_documents - df + 0.5) / (df + 0.5)));
        return idf * Share(term);
    }

    /// <summary>Whether a term is one of the formulas, or a pair inside one, that say nothing about the matter.</summary>
    public static bool IsFormula(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        var body = term.Length > 2 && term[1] == ':' ? term[2..] : term;
        return Search.Formulas.IsFormula(body) || (term.StartsWith("b:", StringComparison.Ordinal) && Search.Formulas.IsFormulaicPair(body));
    }

    private static double Share(string term) =>
        (term.StartsWith("b:", StringComparison.Ordinal) ? PairShare : 1) * (IsFormula(term) ? FormulaShare : 1);
}
