using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Replies.Functions.Decisions;
using Replies.Functions.Web;
using Replies.Workflows.Directory;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Assignment;

/// <summary>
/// POST /api/proposals/{id}/reassignment-decisions: the clerk office decides a department's request to be relieved;
/// approving a lead's request names the new lead (and may change the co-handlers).
/// The item page's form gives the same command (<see cref="IItemCommand"/>).
/// </summary>
public sealed class DecideReassignment(DecisionPipeline decisions, DirectoryStore directory) : DecisionFunction<DecideReassignment.Request, ReassignmentDecided>(decisions, DecisionCatalog.DecideReassignment)
{
    [Function(nameof(DecideReassignment))]
    [Authorize(Policy = Policies.Clerk)]
    [EndpointSummary("决定调整申请")]
    [Tags("assignment")]
    [RequestBody(typeof(Request))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/reassignment-decisions")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        AnswerAsync(request, id, client, cancellationToken);

    public override Type Fields => typeof(DecideReassignmentFields);

    protected override Request FromForm(ActionInput input) => new(input.Department, input.Approved, input.LeadDepartment, input.LeadDepartment is null ? null : input.CoHandlers, input.Comment);

    public sealed record Request(string? Department, bool? Approved, string? NewLeadDepartment, IReadOnlyList<string>? NewCoHandlers, string? Comment);

    protected override Func<Actor, string, ReassignmentDecided> Check(Request request, FieldErrors errors)
    {
        var department = errors.Text("department", request.Department, "申请单位", 60);
        var approved = errors.Required("approved", request.Approved, "是否同意");
        var comment = errors.Optional("comment", request.Comment, "意见", 500);
        string? lead = null;
        IReadOnlyList<string>? co = null;
        if (approved && (request.NewLeadDepartment is not null || request.NewCoHandlers is not null))
        {
            (lead, co) = Departments.Check(errors, directory, request.NewLeadDepartment, request.NewCoHandlers, "newLeadDepartment", "newCoHandlers");
        }

        return (actor, rid) => new ReassignmentDecided(rid, actor, department, approved, lead, co, comment);
    }
}
