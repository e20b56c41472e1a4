using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Replies.Functions.Decisions;
using Replies.Functions.Web;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Handling;

/// <summary>POST /api/proposals/{id}/reassignment-requests: the department asks to be relieved (申请调整), with the reason. The item page's form gives the same command.</summary>
public sealed class RequestReassignment(DecisionPipeline decisions) : DecisionFunction<RequestReassignment.Request, ReassignmentRequested>(decisions, DecisionCatalog.RequestReassignment)
{
    [Function(nameof(RequestReassignment))]
    [Authorize(Policy = Policies.DepartmentStaff)]
    [EndpointSummary("申请调整承办单位")]
    [Tags("handling")]
    [RequestBody(typeof(Request))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/reassignment-requests")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        AnswerAsync(request, id, client, cancellationToken);

    public override Type Fields => typeof(RequestReassignmentFields);

    protected override Request FromForm(ActionInput input) => new(input.Reason);

    public sealed record Request(string? Reason);

    protected override Func<Actor, string, ReassignmentRequested> Check(Request request, FieldErrors errors)
    {
        var reason = errors.Text("reason", request.Reason, "申请理由", 500, 5);
        return (actor, rid) => new ReassignmentRequested(rid, actor, reason);
    }
}
