using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Replies.Functions.Http;
using Replies.Functions.Identity;

namespace Replies.Functions.Feedback;

/// <summary>
/// POST /api/proposals/{id}/feedback: the lead proposer rates the reply (满意 / 基本满意 / 不满意). 不满意 sends the item
/// back for re-handling while rounds remain; a comment is required with it so the department knows what to address.
/// </summary>
public sealed class GiveFeedback(GiveFeedbackCommand command)
{
    [Function(nameof(GiveFeedback))]
    [Authorize(Policy = Policies.Proposer)]
    [EndpointSummary("满意度测评")]
    [Tags("feedback")]
    [RequestBody(typeof(GiveFeedbackCommand.Request))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/feedback")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        ApiCommand.RunAsync<GiveFeedbackCommand.Request>(request, client, (caller, body) => command.HandleAsync(caller, id, body, cancellationToken), cancellationToken);
}
