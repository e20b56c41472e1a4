using System.Globalization;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.ReadModel;

namespace Replies.Functions.Reports;

/// <summary>
/// The clerk's list filters from the query string (session, stage, department, resultClass, kind, key, dueWithin,
/// overdue, q, sort, page, pageSize); a value that does not parse is a field error, never ignored.
/// </summary>
public sealed record ListFilter(
    string? Session,
    ProposalStage? Stage,
    string? Department,
    ResultClass? ResultClass,
    ProposalKind? Kind,
    bool? Key,
    int? DueWithin,
    bool? Overdue,
    string? Query,
    string Sort,
    int Page,
    int PageSize)
{
    private static readonly string[] Sorts = ["due", "submitted", "updated", "filing"];

    public static (ListFilter? Filter, CommandResult? Problem) Parse(IQueryCollection query, int maxPageSize)
    {
        var errors = new FieldErrors();
        string? Text(string name) => query[name].ToString() is { Length: > 0 } v ? v.Trim() : null;
        T? Enum<T>(string name, string label)
            where T : struct, System.Enum
        {
            var v = Text(name);
            if (v is null)
            {
                return null;
            }

            if (System.Enum.TryParse<T>(v, true, out var parsed) && System.Enum.IsDefined(parsed) && !v.All(char.IsAsciiDigit))
            {
                return parsed;
            }

            errors.Add(name, $"{label}须为：{string.Join("、", System.Enum.GetNames<T>())}。");
            return null;
        }

        bool? Bool(string name)
        {
            var v = Text(name);
            if (v is null)
            {
                return null;
            }

            if (bool.TryParse(v, out var b))
            {
                return b;
            }

            errors.Add(name, "须为 true 或 false。");
            return null;
        }

        int? Int(string name, int min, int max)
        {
            var v = Text(name);
            if (v is null)
            {
                return null;
            }

            if (int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i >= min && i <= max)
            {
                return i;
            }

            errors.Add(name, $"须为{min}至{max}之间的整数。");
            return null;
        }

        var sort = Text("sort") ?? "due";
        if (!Sorts.Contains(sort))
        {
            errors.Add("sort", $"排序须为：{string.Join("、", Sorts)}。");
        }

        var filter = new ListFilter(
            Text("session"),
            Enum<ProposalStage>("stage", "办理阶段"),
            Text("department"),
            Enum<ResultClass>("resultClass", "答复类别"),
            Enum<ProposalKind>("kind", "类型"),
            Bool("key"),
            Int("dueWithin", 0, 3650),
            Bool("overdue"),
            Text("q") is { } q && q.Length <= 100 ? q : null,
            sort,
            Int("page", 1, 100_000) ?? 1,
            Int("pageSize", 1, maxPageSize) ?? 50);
        return errors.Any ? (null, Problems.Validation(errors)) : (filter, null);
    }

    /// <summary>
    /// The matching items, sorted, read from the smallest partition that holds them all: the session's when a session
    /// is chosen, the department's when a department is, the open queue when only open items can match (a deadline
    /// filter, overdue, or a stage before the end), else session by session.
    /// </summary>
    public async Task<IReadOnlyList<ItemRow>> MatchesAsync(ItemLists lists, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lists);
        IEnumerable<ItemRow> source = Session is { } session ? await lists.SessionAsync(session, cancellationToken)
            : Department is { } department ? await lists.DepartmentAsync(department, cancellationToken)
            : OnlyOpen ? (await lists.OpenQueueAsync(cancellationToken)).Where(r => !r.Gone)
            : await lists.AllAsync(cancellationToken);
        return [.. Apply(source, today)];
    }

    private bool OnlyOpen => DueWithin is not null || Overdue == true
        || Stage is { } stage && stage is not (ProposalStage.Closed or ProposalStage.Merged or ProposalStage.Declined);

    public IEnumerable<ItemRow> Apply(IEnumerable<ItemRow> items, DateOnly today)
    {
        var result = items.Where(s =>
            (Session is null || s.Session == Session)
            && (Stage is null || s.Stage == Stage)
            && (Department is null || s.Handles(Department))
            && (ResultClass is null || s.ResultClass == ResultClass)
            && (Kind is null || s.Kind == Kind)
            && (Key is null || s.IsKey == Key)
            && (Overdue is null || (s.Overdue && !s.IsFinal) == Overdue)
            && (DueWithin is null || (s.DeadlineRunning && s.ReplyDue!.Value.DayNumber - today.DayNumber <= DueWithin))
            && (Query is null || s.Title.Contains(Query, StringComparison.OrdinalIgnoreCase) || s.ProposerName.Contains(Query, StringComparison.Ordinal) || s.ProposalId.Equals(Query, StringComparison.OrdinalIgnoreCase)));
        return Sort switch
        {
            "submitted" => result.OrderByDescending(s => s.SubmittedAt),
            "updated" => result.OrderByDescending(s => s.UpdatedAt),
            "filing" => result.OrderBy(s => s.Session, StringComparer.Ordinal).ThenBy(s => s.FilingNumber ?? int.MaxValue),
            _ => result.OrderBy(s => s.ReplyDue ?? DateOnly.MaxValue).ThenBy(s => s.SubmittedAt),
        };
    }
}
