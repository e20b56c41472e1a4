using Replies.Workflows.Lifecycle;

namespace Replies.Workflows.Reports;

/// <summary>
/// The figures offices report for a group of items (a session, a department). Rates are fractions in [0, 1] and null
/// where nothing counts towards them yet, so "no replies yet" is never shown as 0%.
/// </summary>
public sealed record HandlingMetrics(
    string Group,
    int Total,
    int Filed,
    int Replied,
    int RepliedOnTime,
    int Closed,
    int Overdue,
    int MetInPerson,
    int Satisfied,
    int BasicallySatisfied,
    int Unsatisfied,
    int NoAnswer,
    IReadOnlyDictionary<string, int> ByClass,
    IReadOnlyDictionary<string, int> ByStage)
{
    /// <summary>Contact forms that count as meeting the proposer (见面).</summary>
    public static readonly IReadOnlySet<string> InPersonForms = new HashSet<string>(StringComparer.Ordinal) { "当面", "座谈", "走访", "调研" };

    /// <summary>按时答复率: replies issued by their deadline, of all replies.</summary>
    public double? OnTimeReplyRate => Rate(RepliedOnTime, Replied);

    /// <summary>办结率: closed items, of filed items.</summary>
    public double? CompletionRate => Rate(Closed, Filed);

    /// <summary>见面率: replied items whose handler met the proposer, of replied items.</summary>
    public double? MeetingRate => Rate(MetInPerson, Replied);

    /// <summary>满意率 (满意 only), of items the proposer rated.</summary>
    public double? SatisfiedRate => Rate(Satisfied, Rated);

    /// <summary>基本满意 share, of items the proposer rated.</summary>
    public double? BasicallySatisfiedRate => Rate(BasicallySatisfied, Rated);

    /// <summary>满意 and 基本满意 together, of items the proposer rated.</summary>
    public double? SatisfiedOrBasicallyRate => Rate(Satisfied + BasicallySatisfied, Rated);

    /// <summary>Items the proposer rated (silence not counted).</summary>
    public int Rated => Satisfied + BasicallySatisfied + Unsatisfied;

    /// <summary>Computes the figures of each group of <paramref name="items"/>.</summary>
    public static IReadOnlyList<HandlingMetrics> By(IEnumerable<ProposalSnapshot> items, Func<ProposalSnapshot, string?> group) =>
        [.. items.Where(i => group(i) is not null).GroupBy(i => group(i)!).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Of(g.Key, g))];

    /// <summary>The figures of one group.</summary>
    public static HandlingMetrics Of(string name, IEnumerable<ProposalSnapshot> items)
    {
        var list = items as IReadOnlyCollection<ProposalSnapshot> ?? [.. items];
        var replied = list.Where(i => i.RepliedAt is not null).ToList();
        return new HandlingMetrics(
            name,
            list.Count,
            list.Count(i => i.FilingNumber is not null && i.Stage is not (ProposalStage.Merged or ProposalStage.Declined)),
            replied.Count,
            replied.Count(i => i.RepliedOnTime),
            list.Count(i => i.Stage == ProposalStage.Closed),
            list.Count(i => i.Overdue && !i.IsFinal),
            replied.Count(i => i.Contacts.Any(c => InPersonForms.Contains(c.Form))),
            list.Count(i => i.Rating == Rating.Satisfied),
            list.Count(i => i.Rating == Rating.BasicallySatisfied),
            list.Count(i => i.Rating == Rating.Unsatisfied),
            list.Count(i => i.Rating == Rating.NoAnswer),
            list.Where(i => i.ResultClass is not null).GroupBy(i => i.ResultClass!.Value.ToString()).ToDictionary(g => g.Key, g => g.Count()),
            list.GroupBy(i => i.Stage.ToString()).ToDictionary(g => g.Key, g => g.Count()));
    }

    private static double? Rate(int part, int whole) => whole == 0 ? null : Math.Round(part / (double)whole, 4);
}
