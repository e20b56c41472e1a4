using Replies.Functions.Identity;
using Replies.Functions.Views;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Functions.Approval;

/// <summary>GET /api/approvals: the drafts waiting for the calling leader's approval, oldest deadline first.</summary>
public static class ListAwaitingApproval
{
    internal static void Map(IEndpointRouteBuilder api) => api.MapGet("approvals", Run)
        .WithName(nameof(ListAwaitingApproval)).WithSummary("待审签").WithTags("approval")
        .Produces<IReadOnlyList<ProposalSummary>>().RequireAuthorization(Policies.Leader);

    private static IResult Run(HttpContext http, ProposalCatalog catalog, TimeProvider time) =>
        TypedResults.Ok(For(http.Person()!.DepartmentId, catalog, time));

    /// <summary>A department's drafts waiting for approval, nearest deadline first (the API and the page show the same).</summary>
    public static IReadOnlyList<ProposalSummary> For(string? department, ProposalCatalog catalog, TimeProvider time)
    {
        var today = ChinaClock.Today(time);
        return [.. catalog.All
            .Where(s => s.Stage == ProposalStage.AwaitingApproval && s.LeadDepartment == department)
            .OrderBy(s => s.ReplyDue ?? DateOnly.MaxValue)
            .Select(s => ProposalSummary.Of(s, today))];
    }
}
