using Microsoft.AspNetCore.Mvc;
using Replies.Functions.Views;
using Replies.Workflows.Storage;

namespace Replies.Functions.Deadlines;

/// <summary>GET /api/pending-requests: re-assignment and extension requests waiting for the clerk office's decision.</summary>
public sealed class ListPendingRequests(ProposalCatalog catalog, TimeProvider time)
{
    public sealed record Pending(ProposalSummary Item, string Kind, string Department, string Reason, DateOnly? Until);

    [Function(nameof(ListPendingRequests))]
    [Authorize(Policy = Policies.Oversight)]
    [EndpointSummary("待决定的调整和延期申请")]
    [Tags("deadlines")]
    [ProducesResponseType<IReadOnlyList<Pending>>(StatusCodes.Status200OK)]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/pending-requests")] HttpRequest request)
    {
        var today = ChinaTime.Today(time);
        var list = new List<Pending>();
        foreach (var s in catalog.All.Where(s => !s.IsFinal).OrderBy(s => s.ReplyDue ?? DateOnly.MaxValue))
        {
            var view = ProposalSummary.Of(s, today);
            list.AddRange(s.PendingReassignments.Select(p => new Pending(view, "reassignment", p.Department, p.Reason, null)));
            if (s.PendingExtension is { } e)
            {
                list.Add(new Pending(view, "extension", e.Department, e.Reason, e.Until));
            }
        }

        return CommandResult.Ok(list);
    }
}
