using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Replies.Functions.Http;
using Replies.Functions.Identity;

namespace Replies.Functions.Approval;

/// <summary>
/// POST /api/proposals/{id}/approval: the lead department's leader approves the draft (审签) or returns it with
/// comments. Approval issues the reply letter (or sends it to the clerk office's review first, if the rules say so).
/// </summary>
public sealed class DecideApproval(DecideApprovalCommand command)
{
    [Function(nameof(DecideApproval))]
    [Authorize(Policy = Policies.Leader)]
    [EndpointSummary("审签：同意或退回修改")]
    [Tags("approval")]
    [RequestBody(typeof(DecideApprovalCommand.Request))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/approval")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        ApiCommand.RunAsync<DecideApprovalCommand.Request>(request, client, (caller, body) => command.HandleAsync(caller, id, body, cancellationToken), cancellationToken);
}
