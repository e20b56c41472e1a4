using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Replies.Functions.Http;
using Replies.Functions.Identity;

namespace Replies.Functions.Proposals;

/// <summary>POST /api/proposals/{id}/cosign: an invited deputy or member confirms or refuses co-signing (联名).</summary>
public sealed class AnswerCoSign(AnswerCoSignCommand command)
{
    [Function(nameof(AnswerCoSign))]
    [Authorize(Policy = Policies.Proposer)]
    [EndpointSummary("确认或拒绝联名")]
    [Tags("proposals")]
    [RequestBody(typeof(AnswerCoSignCommand.Request))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/cosign")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        ApiCommand.RunAsync<AnswerCoSignCommand.Request>(request, client, (caller, body) => command.HandleAsync(caller, id, body, cancellationToken), cancellationToken);
}
