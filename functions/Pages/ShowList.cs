using Microsoft.Extensions.Options;
using Replies.Functions.Reports;
using Replies.Functions.Startup;
using Replies.Functions.Views;
using Replies.Functions.Web;
using Replies.Functions.Web.Pages;
using Replies.Workflows.Directory;
using Replies.Workflows.ReadModel;

namespace Replies.Functions.Pages;

/// <summary>GET /list: every item with the API's filters (a wrong value is named, not ignored), and the ledger of the same.</summary>
public sealed class ShowList(PageRenderer pages, ItemLists lists, DirectoryStore directory, IOptions<IntakeOptions> intake, IOptions<ApiOptions> api, TimeProvider time)
{
    private const int Shown = 200;

    [Function(nameof(ShowList))]
    [Authorize(Policy = Policies.Oversight)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "list")] HttpRequest request, CancellationToken cancellationToken)
    {
        // Empty selections mean "all"; the API's parser treats an empty value the same way.
        var (filter, problem) = ListFilter.Parse(request.Query, api.Value.MaxPageSize);
        var today = ChinaTime.Today(time);
        var matched = filter is null ? [] : await filter.MatchesAsync(lists, today, cancellationToken);
        return pages.Render<AllItemsPage>(request.HttpContext, new Dictionary<string, object?>
        {
            ["Filters"] = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
            ["QueryString"] = request.QueryString.Value ?? "",
            ["Sessions"] = intake.Value.Sessions.Select(s => s.Name).Union(await lists.SessionsAsync(cancellationToken)).Order(StringComparer.Ordinal).ToList(),
            ["Departments"] = directory.Departments.Select(d => d.DepartmentId).ToList(),
            ["Errors"] = problem?.Errors,
            ["Total"] = matched.Count,
            ["Items"] = matched.Take(Shown).Select(s => ProposalSummary.Of(s, today)).ToList(),
        });
    }
}
