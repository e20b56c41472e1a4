using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Replies.Functions.Http;
using Replies.Functions.Identity;

namespace Replies.Functions.Handling;

/// <summary>
/// POST /api/proposals/{id}/drafts: the lead department saves a new version of the reply (拟稿). A version is never
/// overwritten, and saving is open whenever the item is with the department, even while it cannot move on.
/// </summary>
public sealed class SaveDraft(SaveDraftCommand command)
{
    [Function(nameof(SaveDraft))]
    [Authorize(Policy = Policies.DepartmentStaff)]
    [EndpointSummary("保存答复稿新版本")]
    [Tags("handling")]
    [RequestBody(typeof(SaveDraftCommand.Request))]
    [ProducesResponseType<SaveDraftCommand.Saved>(StatusCodes.Status201Created)]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/drafts")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        ApiCommand.RunAsync<SaveDraftCommand.Request>(request, client, (caller, body) => command.HandleAsync(caller, id, body, cancellationToken), cancellationToken);
}
