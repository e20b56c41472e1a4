using Replies.Functions.Reports;
using Replies.Functions.Web;
using Replies.Functions.Web.Pages;
using Replies.Workflows.ReadModel;
using Replies.Workflows.Storage;

namespace Replies.Functions.Pages;

/// <summary>GET /metrics: the handling figures per department and session, as charts and tables.</summary>
public sealed class ShowMetrics(PageRenderer pages, ItemLists lists)
{
    [Function(nameof(ShowMetrics))]
    [Authorize(Policy = Policies.Oversight)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "metrics")] HttpRequest request, CancellationToken cancellationToken) =>
        pages.Render<MetricsPage>(request.HttpContext, new Dictionary<string, object?> { ["Report"] = await GetMetrics.OfAsync(lists, null, cancellationToken) });
}
