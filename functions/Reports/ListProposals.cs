using Microsoft.Extensions.Options;
using Replies.Functions.Identity;
using Replies.Functions.Startup;
using Replies.Functions.Views;

namespace Replies.Functions.Reports;

/// <summary>GET /api/proposals: the clerk office's list of every item, filtered and paged (see <see cref="ListFilter"/>).</summary>
internal static class ListProposals
{
    public static void Map(IEndpointRouteBuilder api) => api.MapGet("proposals", Run)
        .WithName(nameof(ListProposals)).WithSummary("建议、提案总表（筛选、分页）").WithTags("reports")
        .Produces<ListPage<ProposalSummary>>().RequireAuthorization(Policies.Oversight);

    private static IResult Run(HttpContext http, ListCache cache, IOptions<ApiOptions> options, TimeProvider time)
    {
        var (filter, problem) = ListFilter.Parse(http.Request.Query, options.Value.MaxPageSize);
        if (filter is null)
        {
            return problem!;
        }

        var today = ChinaClock.Today(time);
        var matched = cache.Matches(filter);
        var page = matched.Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize).Select(s => ProposalSummary.Of(s, today)).ToList();
        return TypedResults.Ok(new ListPage<ProposalSummary>(matched.Count, filter.Page, filter.PageSize, page));
    }
}
