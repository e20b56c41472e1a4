using Replies.Functions.Identity;
using Replies.Workflows.Reports;
using Replies.Workflows.Storage;

namespace Replies.Functions.Reports;

/// <summary>
/// GET /api/reports/metrics?session=: 按时答复率, 办结率, 见面率, 满意率 (满意 and 基本满意 apart) and counts by class and
/// stage, overall, per session and per lead department.
/// </summary>
internal static class GetMetrics
{
    public sealed record Report(HandlingMetrics Overall, IReadOnlyList<HandlingMetrics> BySession, IReadOnlyList<HandlingMetrics> ByDepartment);

    public static void Map(IEndpointRouteBuilder api) => api.MapGet("reports/metrics", Run)
        .WithName(nameof(GetMetrics)).WithSummary("办理情况统计").WithTags("reports").Produces<Report>().RequireAuthorization(Policies.Oversight);

    private static IResult Run(string? session, ProposalCatalog catalog)
    {
        var items = catalog.All.Where(s => session is null || s.Session == session).ToList();
        return TypedResults.Ok(new Report(
            HandlingMetrics.Of(session ?? "全部", items),
            HandlingMetrics.By(items, s => s.Session),
            HandlingMetrics.By(items, s => s.LeadDepartment)));
    }
}
