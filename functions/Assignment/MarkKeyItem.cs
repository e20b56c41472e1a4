using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Replies.Functions.Http;
using Replies.Functions.Identity;

namespace Replies.Functions.Assignment;

/// <summary>POST /api/proposals/{id}/key: the clerk office marks or unmarks a key item (重点建议/提案) and its supervising leader.</summary>
public sealed class MarkKeyItem(MarkKeyItemCommand command)
{
    [Function(nameof(MarkKeyItem))]
    [Authorize(Policy = Policies.Clerk)]
    [EndpointSummary("确定或取消重点建议、提案")]
    [Tags("assignment")]
    [RequestBody(typeof(MarkKeyItemCommand.Request))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/key")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        ApiCommand.RunAsync<MarkKeyItemCommand.Request>(request, client, (caller, body) => command.HandleAsync(caller, id, body, cancellationToken), cancellationToken);
}
