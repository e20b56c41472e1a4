using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Replies.Functions.Http;
using Replies.Functions.Identity;

namespace Replies.Functions.Handling;

/// <summary>POST /api/proposals/{id}/contacts: the lead department records a contact with the proposer (沟通/见面).</summary>
public sealed class RecordContact(RecordContactCommand command)
{
    [Function(nameof(RecordContact))]
    [Authorize(Policy = Policies.DepartmentStaff)]
    [EndpointSummary("记录与提出人的沟通")]
    [Tags("handling")]
    [RequestBody(typeof(RecordContactCommand.Request))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/contacts")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        ApiCommand.RunAsync<RecordContactCommand.Request>(request, client, (caller, body) => command.HandleAsync(caller, id, body, cancellationToken), cancellationToken);
}
