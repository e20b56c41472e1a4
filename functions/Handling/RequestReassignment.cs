using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Replies.Functions.Http;
using Replies.Functions.Identity;

namespace Replies.Functions.Handling;

/// <summary>POST /api/proposals/{id}/reassignment-requests: the department asks to be relieved (申请调整), with the reason.</summary>
public sealed class RequestReassignment(RequestReassignmentCommand command)
{
    [Function(nameof(RequestReassignment))]
    [Authorize(Policy = Policies.DepartmentStaff)]
    [EndpointSummary("申请调整承办单位")]
    [Tags("handling")]
    [RequestBody(typeof(RequestReassignmentCommand.Request))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/reassignment-requests")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        ApiCommand.RunAsync<RequestReassignmentCommand.Request>(request, client, (caller, body) => command.HandleAsync(caller, id, body, cancellationToken), cancellationToken);
}
