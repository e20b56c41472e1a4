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

    /// <summary>
    /// What one item adds to its group's counters: the one home of what each figure counts. Stored aggregates add
    /// these up per transition (<see cref="ReadModel.MetricsStore"/>), so a figure is never computed by a scan.
    /// </summary>
    public static Dictionary<string, int> Counts(ProposalSnapshot i)
    {
        ArgumentNullException.ThrowIfNull(i);
        var replied = i.RepliedAt is not null;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            [nameof(Total)] = 1,
            [nameof(Filed)] = i.FilingNumber is not null && i.Stage is not (ProposalStage.Merged or ProposalStage.Declined) ? 1 : 0,
            [nameof(Replied)] = replied ? 1 : 0,
            [nameof(RepliedOnTime)] = replied && i.RepliedOnTime ? 1 : 0,
            [nameof(Closed)] = i.Stage == ProposalStage.Closed ? 1 : 0,
            [nameof(Overdue)] = i.Overdue && !i.IsFinal ? 1 : 0,
            [nameof(MetInPerson)] = replied && i.Contacts.Any(c => InPersonForms.Contains(c.Form)) ? 1 : 0,
            [nameof(Satisfied)] = i.Rating == Rating.Satisfied ? 1 : 0,
            [nameof(BasicallySatisfied)] = i.Rating == Rating.BasicallySatisfied ? 1 : 0,
            [nameof(Unsatisfied)] = i.Rating == Rating.Unsatisfied ? 1 : 0,
            [nameof(NoAnswer)] = i.Rating == Rating.NoAnswer ? 1 : 0,
            [StagePrefix + i.Stage] = 1,
        };
        if (i.ResultClass is { } c)
        {
            counts[ClassPrefix + c] = 1;
        }

        return counts;
    }

    /// <summary>The figures of one group from its added-up counters.</summary>
    public static HandlingMetrics FromCounts(string name, IReadOnlyDictionary<string, int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        int Get(string key) => counts.GetValueOrDefault(key);
        Dictionary<string, int> Prefixed(string prefix) =>
            counts.Where(c => c.Key.StartsWith(prefix, StringComparison.Ordinal) && c.Value != 0).ToDictionary(c => c.Key[prefix.Length..], c => c.Value);
        return new HandlingMetrics(
            name,
            Get(nameof(Total)),
            Get(nameof(Filed)),
            Get(nameof(Replied)),
            Get(nameof(RepliedOnTime)),
            Get(nameof(Closed)),
            Get(nameof(Overdue)),
            Get(nameof(MetInPerson)),
            Get(nameof(Satisfied)),
            Get(nameof(BasicallySatisfied)),
            Get(nameof(Unsatisfied)),
            Get(nameof(NoAnswer)),
            Prefixed(ClassPrefix),
            Prefixed(StagePrefix));
    }

    /// <summary>The figures of one group of items (computed as the stored aggregates are: by adding their counts).</summary>
    public static HandlingMetrics Of(string name, IEnumerable<ProposalSnapshot> items) =>
        FromCounts(name, Add(items.Select(Counts)));

    /// <summary>Adds counters up.</summary>
    public static Dictionary<string, int> Add(IEnumerable<IReadOnlyDictionary<string, int>> all)
    {
        var sum = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var counts in all)
        {
            foreach (var (key, value) in counts)
            {
                sum[key] = sum.GetValueOrDefault(key) + value;
            }
        }

        return sum;
    }

    private const string StagePrefix = "Stage_";
    private const string ClassPrefix = "Class_";

    private static double? Rate(int part, int whole) => whole == 0 ? null : Math.Round(part / (double)whole, 4);
}
