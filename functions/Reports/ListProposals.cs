using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Replies.Functions.Startup;
using Replies.Functions.Views;
using Replies.Workflows.ReadModel;

namespace Replies.Functions.Reports;

/// <summary>GET /api/proposals: the clerk office's list of every item, filtered and paged (see <see cref="ListFilter"/>).</summary>
public sealed class ListProposals(ItemLists lists, IOptions<ApiOptions> options, TimeProvider time)
{
    [Function(nameof(ListProposals))]
    [Authorize(Policy = Policies.Oversight)]
    [EndpointSummary("建议、提案总表（筛选、分页）")]
    [Tags("reports")]
    [ProducesResponseType<ListPage<ProposalSummary>>(StatusCodes.Status200OK)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/proposals")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (filter, problem) = ListFilter.Parse(request.Query, options.Value.MaxPageSize);
        if (filter is null)
        {
            return problem!;
        }

        var today = ChinaTime.Today(time);
        var matched = await filter.MatchesAsync(lists, today, cancellationToken);
        var page = matched.Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize).Select(s => ProposalSummary.Of(s, today)).ToList();
        return CommandResult.Ok(new ListPage<ProposalSummary>(matched.Count, filter.Page, filter.PageSize, page));
    }
}
