using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Replies.Functions.Http;
using Replies.Functions.Identity;

namespace Replies.Functions.Handling;

/// <summary>POST /api/proposals/{id}/extension-requests: the lead department asks for a later reply deadline (申请延期).</summary>
public sealed class RequestExtension(RequestExtensionCommand command)
{
    [Function(nameof(RequestExtension))]
    [Authorize(Policy = Policies.DepartmentStaff)]
    [EndpointSummary("申请延期答复")]
    [Tags("handling")]
    [RequestBody(typeof(RequestExtensionCommand.Request))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/extension-requests")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        ApiCommand.RunAsync<RequestExtensionCommand.Request>(request, client, (caller, body) => command.HandleAsync(caller, id, body, cancellationToken), cancellationToken);
}
