using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Replies.Functions.Http;
using Replies.Functions.Identity;

namespace Replies.Functions.Handling;

/// <summary>POST /api/proposals/{id}/sign-for: the caller's department signs for the item (签收).</summary>
public sealed class SignFor(SignForCommand command)
{
    [Function(nameof(SignFor))]
    [Authorize(Policy = Policies.DepartmentStaff)]
    [EndpointSummary("签收")]
    [Tags("handling")]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/sign-for")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        ApiCommand.CallerOf(request, client) is { } caller ? await command.HandleAsync(caller, id, cancellationToken) : Problems.Forbidden("您不在名录中，无法操作。");
}
