using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Replies.Functions.Identity;
using Replies.Functions.Reports;
using Replies.Functions.Startup;
using Replies.Functions.Views;
using Replies.Workflows.Directory;
using Replies.Workflows.Storage;

namespace Replies.Functions.Web.Pages;

/// <summary>The full list with the API's filters (a wrong value is named, not ignored) and the Excel ledger of the same.</summary>
[Authorize(Policy = Policies.Oversight)]
public sealed class ListModel(ListCache cache, ProposalCatalog catalog, DirectoryStore directory, IOptions<IntakeOptions> intake, IOptions<ApiOptions> api, TimeProvider time) : PageModel
{
    public IReadOnlyList<ProposalSummary> Items { get; private set; } = [];

    public int Total { get; private set; }

    public IEnumerable<string> Sessions => intake.Value.Sessions.Union(catalog.All.Select(s => s.Session)).Order(StringComparer.Ordinal);

    public IEnumerable<string> Departments => directory.Departments.Select(d => d.DepartmentId);

    public void OnGet()
    {
        // Empty selections mean "all"; the API's parser treats an empty value the same way.
        var (filter, problem) = ListFilter.Parse(Request.Query, api.Value.MaxPageSize);
        if (filter is null)
        {
            ActionResults.Accepted(problem!, ModelState, "");
            return;
        }

        var matched = cache.Matches(filter with { PageSize = 200 });
        Total = matched.Count;
        var today = ChinaClock.Today(time);
        Items = [.. matched.Take(200).Select(s => ProposalSummary.Of(s, today))];
    }
}
