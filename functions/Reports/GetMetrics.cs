using Microsoft.AspNetCore.Mvc;
using Replies.Workflows.Reports;
using Replies.Workflows.Storage;

namespace Replies.Functions.Reports;

/// <summary>
/// GET /api/reports/metrics?session=: 按时答复率, 办结率, 见面率, 满意率 (满意 and 基本满意 apart) and counts by class and
/// stage, overall, per session and per lead department.
/// </summary>
public sealed class GetMetrics(ProposalCatalog catalog)
{
    public sealed record Report(HandlingMetrics Overall, IReadOnlyList<HandlingMetrics> BySession, IReadOnlyList<HandlingMetrics> ByDepartment);

    [Function(nameof(GetMetrics))]
    [Authorize(Policy = Policies.Oversight)]
    [EndpointSummary("办理情况统计")]
    [Tags("reports")]
    [ProducesResponseType<Report>(StatusCodes.Status200OK)]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/metrics")] HttpRequest request) =>
        CommandResult.Ok(Of(catalog, request.Text("session")));

    /// <summary>The figures for one session or all (the API and the metrics page show the same).</summary>
    public static Report Of(ProposalCatalog catalog, string? session)
    {
        var items = catalog.All.Where(s => session is null || s.Session == session).ToList();
        return new Report(HandlingMetrics.Of(session ?? "全部", items), HandlingMetrics.By(items, s => s.Session), HandlingMetrics.By(items, s => s.LeadDepartment));
    }
}
