using Microsoft.Extensions.Options;
using Replies.Functions.Startup;
using Replies.Functions.Views;
using Replies.Workflows.ReadModel;
using Replies.Workflows.Reports;

namespace Replies.Functions.Reports;

/// <summary>GET /api/proposals/ledger.xlsx: the filtered list as the Excel ledger (台账) offices keep, every matching row.</summary>
public sealed class ExportLedger(ItemLists lists, IOptions<ApiOptions> options, TimeProvider time)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [Function(nameof(ExportLedger))]
    [Authorize(Policy = Policies.Oversight)]
    [EndpointSummary("导出台账（Excel）")]
    [Tags("reports")]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/proposals/ledger.xlsx")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (filter, problem) = ListFilter.Parse(request.Query, options.Value.MaxPageSize);
        if (filter is null)
        {
            return problem!;
        }

        var today = ChinaTime.Today(time);
        var bytes = LedgerWorkbook.Render(await filter.MatchesAsync(lists, today, cancellationToken));
        return CommandResult.Download(bytes, ContentType, $"建议提案办理台账-{today:yyyyMMdd}.xlsx");
    }
}
