using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Replies.Functions.Decisions;
using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Functions.Web;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Handling;

/// <summary>POST /api/proposals/{id}/reassignment-requests: the department asks to be relieved (申请调整), with the reason. The item page's form gives the same command.</summary>
public sealed class RequestReassignment(DecisionPipeline decisions) : IItemCommand
{
    [Function(nameof(RequestReassignment))]
    [Authorize(Policy = Policies.DepartmentStaff)]
    [EndpointSummary("申请调整承办单位")]
    [Tags("handling")]
    [RequestBody(typeof(Request))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/reassignment-requests")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        ApiCommand.RunAsync<Request>(request, client, (caller, body) => HandleAsync(caller, id, body, cancellationToken), cancellationToken);

    public Decision Decision => DecisionCatalog.RequestReassignment;

    public Type Fields => typeof(RequestReassignmentFields);

    public Task<CommandResult> GiveAsync(Caller caller, string id, ActionInput input, CancellationToken cancellationToken) =>
        HandleAsync(caller, id, new(input.Reason), cancellationToken);

    public sealed record Request(string? Reason);

    public async Task<CommandResult> HandleAsync(Caller caller, string id, Request request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var reason = errors.Text("reason", request.Reason, "申请理由", 500, 5);
        return errors.Any
            ? Problems.Validation(errors)
            : await decisions.SendAsync(caller, id, DecisionCatalog.RequestReassignment, (actor, rid) => new ReassignmentRequested(rid, actor, reason), cancellationToken);
    }
}
