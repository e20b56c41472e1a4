using Replies.Functions.Reports;
using Replies.Functions.Web;
using Replies.Functions.Web.Pages;
using Replies.Workflows.Storage;

namespace Replies.Functions.Pages;

/// <summary>GET /metrics: the handling figures per department and session, as charts and tables.</summary>
public sealed class ShowMetrics(PageRenderer pages, ProposalCatalog catalog)
{
    [Function(nameof(ShowMetrics))]
    [Authorize(Policy = Policies.Oversight)]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "metrics")] HttpRequest request) =>
        pages.Render<MetricsPage>(request.HttpContext, new Dictionary<string, object?> { ["Report"] = GetMetrics.Of(catalog, null) });
}
