using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Replies.Functions.Http;
using Replies.Functions.Identity;

namespace Replies.Functions.Handling;

/// <summary>
/// POST /api/proposals/{id}/submission: the handler sends a saved draft version for approval (送审), with the result
/// class, how the reply is published, and the handler's name and phone printed on the letter.
/// </summary>
public sealed class SubmitForApproval(SubmitForApprovalCommand command)
{
    [Function(nameof(SubmitForApproval))]
    [Authorize(Policy = Policies.DepartmentStaff)]
    [EndpointSummary("答复稿送审")]
    [Tags("handling")]
    [RequestBody(typeof(SubmitForApprovalCommand.Request))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/submission")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        ApiCommand.RunAsync<SubmitForApprovalCommand.Request>(request, client, (caller, body) => command.HandleAsync(caller, id, body, cancellationToken), cancellationToken);
}
