using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Replies.Functions.Http;
using Replies.Functions.Identity;

namespace Replies.Functions.Approval;

/// <summary>
/// POST /api/proposals/{id}/clerk-review: where the rules ask for it, the clerk office reviews an approved reply before
/// issue (督办审核): approve (optionally changing the result class) or send it back with comments.
/// </summary>
public sealed class ClerkReview(ClerkReviewCommand command)
{
    [Function(nameof(ClerkReview))]
    [Authorize(Policy = Policies.Clerk)]
    [EndpointSummary("督办审核答复")]
    [Tags("approval")]
    [RequestBody(typeof(ClerkReviewCommand.Request))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/clerk-review")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        ApiCommand.RunAsync<ClerkReviewCommand.Request>(request, client, (caller, body) => command.HandleAsync(caller, id, body, cancellationToken), cancellationToken);
}
