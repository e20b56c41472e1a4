using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Replies.Functions.Http;
using Replies.Functions.Identity;

namespace Replies.Functions.Filing;

/// <summary>
/// POST /api/proposals/{id}/filing: the clerk office files the item (立案), merges it into another (并案, naming the
/// item) or declines it (不予立案, with the reason).
/// </summary>
public sealed class DecideFiling(DecideFilingCommand command)
{
    [Function(nameof(DecideFiling))]
    [Authorize(Policy = Policies.Clerk)]
    [EndpointSummary("立案审查：立案、并案或不予立案")]
    [Tags("filing")]
    [RequestBody(typeof(DecideFilingCommand.Request))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/filing")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        ApiCommand.RunAsync<DecideFilingCommand.Request>(request, client, (caller, body) => command.HandleAsync(caller, id, body, cancellationToken), cancellationToken);
}
