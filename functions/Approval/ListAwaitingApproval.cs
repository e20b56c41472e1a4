using Replies.Functions.Identity;
using Replies.Functions.Views;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Functions.Approval;

/// <summary>GET /api/approvals: the drafts waiting for the calling leader's approval, oldest deadline first.</summary>
internal static class ListAwaitingApproval
{
    public static void Map(IEndpointRouteBuilder api) => api.MapGet("approvals", Run)
        .WithName(nameof(ListAwaitingApproval)).WithSummary("待审签").WithTags("approval")
        .Produces<IReadOnlyList<ProposalSummary>>().RequireAuthorization(Policies.Leader);

    private static IResult Run(HttpContext http, ProposalCatalog catalog, TimeProvider time)
    {
        var department = http.Person()!.DepartmentId;
        var today = ChinaClock.Today(time);
        return TypedResults.Ok(catalog.All
            .Where(s => s.Stage == ProposalStage.AwaitingApproval && s.LeadDepartment == department)
            .OrderBy(s => s.ReplyDue ?? DateOnly.MaxValue)
            .Select(s => ProposalSummary.Of(s, today))
            .ToList());
    }
}
