using Microsoft.Extensions.Options;
using Replies.Functions.Identity;
using Replies.Functions.Startup;
using Replies.Functions.Views;
using Replies.Workflows.Reports;
using Replies.Workflows.Storage;

namespace Replies.Functions.Reports;

/// <summary>GET /api/proposals/ledger.xlsx: the filtered list as the Excel ledger (台账) offices keep, every matching row.</summary>
internal static class ExportLedger
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void Map(IEndpointRouteBuilder api) => api.MapGet("proposals/ledger.xlsx", Run)
        .WithName(nameof(ExportLedger)).WithSummary("导出台账（Excel）").WithTags("reports").RequireAuthorization(Policies.Oversight);

    private static IResult Run(HttpContext http, ProposalCatalog catalog, IOptions<ApiOptions> options, TimeProvider time)
    {
        var (filter, problem) = ListFilter.Parse(http.Request.Query, options.Value.MaxPageSize);
        if (filter is null)
        {
            return problem!;
        }

        var today = ChinaClock.Today(time);
        var bytes = LedgerWorkbook.Render(filter.Apply(catalog.All, today));
        return TypedResults.File(bytes, ContentType, $"建议提案办理台账-{today:yyyyMMdd}.xlsx");
    }
}
