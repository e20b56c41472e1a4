using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Replies.Functions.Http;
using Replies.Functions.Identity;

namespace Replies.Functions.Assignment;

/// <summary>
/// POST /api/proposals/{id}/reassignment-decisions: the clerk office decides a department's request to be relieved;
/// approving a lead's request names the new lead (and may change the co-handlers).
/// </summary>
public sealed class DecideReassignment(DecideReassignmentCommand command)
{
    [Function(nameof(DecideReassignment))]
    [Authorize(Policy = Policies.Clerk)]
    [EndpointSummary("决定调整申请")]
    [Tags("assignment")]
    [RequestBody(typeof(DecideReassignmentCommand.Request))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/reassignment-decisions")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        ApiCommand.RunAsync<DecideReassignmentCommand.Request>(request, client, (caller, body) => command.HandleAsync(caller, id, body, cancellationToken), cancellationToken);
}
