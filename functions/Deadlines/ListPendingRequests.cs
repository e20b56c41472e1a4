using Replies.Functions.Identity;
using Replies.Functions.Views;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Functions.Deadlines;

/// <summary>GET /api/pending-requests: re-assignment and extension requests waiting for the clerk office's decision.</summary>
internal static class ListPendingRequests
{
    public sealed record Pending(ProposalSummary Item, string Kind, string Department, string Reason, DateOnly? Until);

    public static void Map(IEndpointRouteBuilder api) => api.MapGet("pending-requests", Run)
        .WithName(nameof(ListPendingRequests)).WithSummary("待决定的调整和延期申请").WithTags("deadlines")
        .Produces<IReadOnlyList<Pending>>().RequireAuthorization(Policies.Oversight);

    private static IResult Run(ProposalCatalog catalog, TimeProvider time)
    {
        var today = ChinaClock.Today(time);
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

        return TypedResults.Ok(list);
    }
}
