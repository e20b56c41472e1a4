using Microsoft.AspNetCore.Mvc;
using Replies.Workflows.ReadModel;
using Replies.Workflows.Reports;

namespace Replies.Functions.Reports;

/// <summary>
/// GET /api/reports/metrics?session=: 按时答复率, 办结率, 见面率, 满意率 (满意 and 基本满意 apart) and counts by class and
/// stage, overall, per session and per lead department, from the aggregates the transitions keep.
/// </summary>
public sealed class GetMetrics(ItemLists lists)
{
    public sealed record Report(HandlingMetrics Overall, IReadOnlyList<HandlingMetrics> BySession, IReadOnlyList<HandlingMetrics> ByDepartment);

    [Function(nameof(GetMetrics))]
    [Authorize(Policy = Policies.Oversight)]
    [EndpointSummary("办理情况统计")]
    [Tags("reports")]
    [ProducesResponseType<Report>(StatusCodes.Status200OK)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/metrics")] HttpRequest request, CancellationToken cancellationToken) =>
        CommandResult.Ok(await OfAsync(lists, request.Text("session"), cancellationToken));

    /// <summary>The figures for one session or all (the API and the metrics page show the same).</summary>
    public static async Task<Report> OfAsync(ItemLists lists, string? session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lists);
        var buckets = (await lists.MetricsAsync(cancellationToken)).Where(b => session is null || b.Session == session).ToList();
        IReadOnlyList<HandlingMetrics> By(Func<MetricBucket, string> group) =>
            [.. buckets.Where(b => group(b).Length > 0).GroupBy(group).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => HandlingMetrics.FromCounts(g.Key, HandlingMetrics.Add(g.Select(b => b.Counts))))
                .Where(m => m.Total > 0)];
        return new Report(
            HandlingMetrics.FromCounts(session ?? "全部", HandlingMetrics.Add(buckets.Select(b => b.Counts))),
            By(b => b.Session),
            By(b => b.Department));
    }
}
