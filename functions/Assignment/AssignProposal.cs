using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Replies.Functions.Http;
using Replies.Functions.Identity;

namespace Replies.Functions.Assignment;

/// <summary>POST /api/proposals/{id}/assignment: the clerk office assigns a lead department (主办) and co-handlers (会办).</summary>
public sealed class AssignProposal(AssignProposalCommand command)
{
    [Function(nameof(AssignProposal))]
    [Authorize(Policy = Policies.Clerk)]
    [EndpointSummary("交办：确定主办和会办单位")]
    [Tags("assignment")]
    [RequestBody(typeof(AssignProposalCommand.Request))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/assignment")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        ApiCommand.RunAsync<AssignProposalCommand.Request>(request, client, (caller, body) => command.HandleAsync(caller, id, body, cancellationToken), cancellationToken);
}
