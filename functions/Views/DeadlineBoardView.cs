using Replies.Workflows.ReadModel;

namespace Replies.Functions.Views;

/// <summary>
/// The clerk office's deadline board: items overdue and due within 7, 15 and 30 days (each item in the nearest band),
/// with the counts per lead department. The API and the board page show the same.
/// </summary>
public static class DeadlineBoardView
{
    public sealed record DepartmentCounts(string Department, int Overdue, int Within7, int Within15, int Within30);

    public sealed record Board(
        DateOnly Today,
        IReadOnlyList<ProposalSummary> Overdue,
        IReadOnlyList<ProposalSummary> Within7,
        IReadOnlyList<ProposalSummary> Within15,
        IReadOnlyList<ProposalSummary> Within30,
        IReadOnlyList<DepartmentCounts> ByDepartment);

    /// <summary>The board as it stands now (the API and the clerk's page show the same).</summary>
    public static async Task<Board> BuildAsync(ItemLists lists, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(time);
        var open = (await lists.OpenQueueAsync(cancellationToken))
            .Where(s => !s.Gone && s.DeadlineRunning)
            .Select(s => (Item: s, Days: s.ReplyDue!.Value.DayNumber - today.DayNumber, Band: Band(s, today)))
            .Where(x => x.Band is not null)
            .OrderBy(x => x.Days)
            .ToList();
        List<ProposalSummary> In(string band) => [.. open.Where(x => x.Band == band).Select(x => ProposalSummary.Of(x.Item, today))];
        var counts = open.GroupBy(x => x.Item.LeadDepartment ?? "未交办")
            .Select(g => new DepartmentCounts(g.Key, g.Count(x => x.Band == "overdue"), g.Count(x => x.Band == "7"), g.Count(x => x.Band == "15"), g.Count(x => x.Band == "30")))
            .OrderByDescending(c => c.Overdue).ThenByDescending(c => c.Within7).ThenBy(c => c.Department, StringComparer.Ordinal)
            .ToList();
        return new Board(today, In("overdue"), In("7"), In("15"), In("30"), counts);
    }

    private static string? Band(ItemRow s, DateOnly today)
    {
        var days = s.ReplyDue!.Value.DayNumber - today.DayNumber;
        return s.Overdue || days < 0 ? "overdue" : days <= 7 ? "7" : days <= 15 ? "15" : days <= 30 ? "30" : null;
    }
}
