using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Replies.Functions.Http;
using Replies.Functions.Identity;

namespace Replies.Functions.Deadlines;

/// <summary>POST /api/proposals/{id}/extension-decisions: the clerk office grants (possibly to another date) or refuses an extension.</summary>
public sealed class DecideExtension(DecideExtensionCommand command)
{
    [Function(nameof(DecideExtension))]
    [Authorize(Policy = Policies.Clerk)]
    [EndpointSummary("决定延期申请")]
    [Tags("deadlines")]
    [RequestBody(typeof(DecideExtensionCommand.Request))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/extension-decisions")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        ApiCommand.RunAsync<DecideExtensionCommand.Request>(request, client, (caller, body) => command.HandleAsync(caller, id, body, cancellationToken), cancellationToken);
}
