using Microsoft.AspNetCore.Mvc;
using Replies.Functions.Views;
using Replies.Workflows.ReadModel;

namespace Replies.Functions.Deadlines;

/// <summary>GET /api/pending-requests: re-assignment and extension requests waiting for the clerk office's decision.</summary>
public sealed class ListPendingRequests(ItemLists lists, TimeProvider time)
{
    public sealed record Pending(ProposalSummary Item, string Kind, string Department, string Reason, DateOnly? Until);

    [Function(nameof(ListPendingRequests))]
    [Authorize(Policy = Policies.Oversight)]
    [EndpointSummary("待决定的调整和延期申请")]
    [Tags("deadlines")]
    [ProducesResponseType<IReadOnlyList<Pending>>(StatusCodes.Status200OK)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/pending-requests")] HttpRequest request, CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(time);
        var list = new List<Pending>();
        foreach (var s in (await lists.OpenQueueAsync(cancellationToken)).Where(s => !s.Gone && s.Requests.Count > 0).OrderBy(s => s.ReplyDue ?? DateOnly.MaxValue))
        {
            var view = ProposalSummary.Of(s, today);
            list.AddRange(s.Requests.Select(p => new Pending(view, p.Kind, p.Department, p.Reason, p.Until)));
        }

        return CommandResult.Ok(list);
    }
}
