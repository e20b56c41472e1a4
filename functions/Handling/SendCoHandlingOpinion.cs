using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Replies.Functions.Http;
using Replies.Functions.Identity;

namespace Replies.Functions.Handling;

/// <summary>
/// POST /api/proposals/{id}/opinions: a co-handling department sends its opinion (会办意见) to the lead. It goes to that
/// department's own co-handling orchestration; the answer says once the opinion is stored where the lead reads it.
/// </summary>
public sealed class SendCoHandlingOpinion(SendCoHandlingOpinionCommand command)
{
    [Function(nameof(SendCoHandlingOpinion))]
    [Authorize(Policy = Policies.DepartmentStaff)]
    [EndpointSummary("提交会办意见")]
    [Tags("handling")]
    [RequestBody(typeof(SendCoHandlingOpinionCommand.Request))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/opinions")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        ApiCommand.RunAsync<SendCoHandlingOpinionCommand.Request>(request, client, (caller, body) => command.HandleAsync(caller, id, body, cancellationToken), cancellationToken);
}
