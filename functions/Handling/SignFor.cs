using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Replies.Functions.Decisions;
using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Functions.Web;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Handling;

/// <summary>POST /api/proposals/{id}/sign-for: the caller's department signs for the item (签收). The item page's form gives the same command.</summary>
public sealed class SignFor(DecisionPipeline decisions) : IItemCommand
{
    [Function(nameof(SignFor))]
    [Authorize(Policy = Policies.DepartmentStaff)]
    [EndpointSummary("签收")]
    [Tags("handling")]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/sign-for")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        ApiCommand.CallerOf(request, client) is { } caller ? await HandleAsync(caller, id, cancellationToken) : Problems.Forbidden("您不在名录中，无法操作。");

    public Decision Decision => DecisionCatalog.SignFor;

    public Type Fields => typeof(SignForFields);

    public Task<CommandResult> GiveAsync(Caller caller, string id, ActionInput input, CancellationToken cancellationToken) =>
        HandleAsync(caller, id, cancellationToken);

    public Task<CommandResult> HandleAsync(Caller caller, string id, CancellationToken cancellationToken) =>
        decisions.SendAsync(caller, id, DecisionCatalog.SignFor, (actor, rid) => new SignedFor(rid, actor), cancellationToken);
}
