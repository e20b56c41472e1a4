using Replies.Workflows.Coverage;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Search;
using Replies.Workflows.Storage;

namespace Replies.Functions.Handling;

/// <summary>One ask of a proposal and how a draft answers it, with the passages that do.</summary>
public sealed record AskAnswer(int Number, string Ask, CoverageLabel Label, string LabelText, double Coverage, AnswerKind? Kind, string? KindText, IReadOnlyList<AnsweringPassage> Passages);

/// <summary>A passage of a draft that answers an ask, with the words they share (to highlight).</summary>
public sealed record AnsweringPassage(int Index, string? Section, string Text, double Coverage, IReadOnlyList<string> Words);

/// <summary>How a draft version answers each of the proposal's asks: advice for the handler and the leader, never a gate.</summary>
public sealed record DraftCoverageView(string ProposalId, int DraftVersion, IReadOnlyList<AskAnswer> Asks, int Answered, int AnsweredInPart, int NotAnswered);

/// <summary>
/// Reads a draft version and the proposal's asks and scores one against the other, with term weights from the search
/// index (every reply and library document the app holds).
/// </summary>
public sealed class DraftCoverageReader(SharedIndexReader indexes, DraftStore drafts, ProposalStore store)
{
    /// <summary>The coverage of version <paramref name="version"/> of the item's draft; null when there is no such version.</summary>
    public async Task<DraftCoverageView?> ReadAsync(ProposalSnapshot s, int version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(s);
        var draft = version is > 0 and < 10_000 ? await drafts.GetAsync(s.ProposalId, version, cancellationToken) : null;
        if (draft is null || await store.GetTextAsync(s.ProposalId, cancellationToken) is not { } text)
        {
            return null;
        }

        var index = indexes.Internal;
        var weights = TermWeights.From(Math.Max(1, index.Count), index.DocumentFrequency);
        var coverage = new CoverageScorer(weights).Score(ProposalAsks.Of(text), draft.Text);
        var asks = coverage.Asks.Select(a => new AskAnswer(
            a.Index + 1,
            a.Ask,
            a.Label,
            LabelOf(a.Label),
            a.Coverage,
            a.Kind,
            a.Kind is { } kind ? KindOf(kind) : null,
            [.. a.Best.Take(2).Select(b => new AnsweringPassage(b.Passage, coverage.Passages[b.Passage].Section, coverage.Passages[b.Passage].Text, b.Coverage, b.Words))])).ToList();
        return new DraftCoverageView(
            s.ProposalId,
            version,
            asks,
            asks.Count(a => a.Label == CoverageLabel.Answered),
            asks.Count(a => a.Label == CoverageLabel.AnsweredInPart),
            asks.Count(a => a.Label == CoverageLabel.NotAnswered));
    }

    /// <summary>The label as the page shows it.</summary>
    public static string LabelOf(CoverageLabel label) => label switch
    {
        CoverageLabel.Answered => "已答复",
        CoverageLabel.AnsweredInPart => "部分答复",
        _ => "未答复",
    };

    /// <summary>What the answer is, as the page shows it.</summary>
    public static string KindOf(AnswerKind kind) => kind switch
    {
        AnswerKind.Done => "已办理",
        AnswerKind.Commitment => "承诺办理",
        _ => "说明暂不能办",
    };
}
