using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Replies.Functions.Decisions;
using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Functions.Web;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Proposals;

/// <summary>POST /api/proposals/{id}/cosign: an invited deputy or member confirms or refuses co-signing (联名). The item page's form gives the same command.</summary>
public sealed class AnswerCoSign(DecisionPipeline decisions) : IItemCommand
{
    [Function(nameof(AnswerCoSign))]
    [Authorize(Policy = Policies.Proposer)]
    [EndpointSummary("确认或拒绝联名")]
    [Tags("proposals")]
    [RequestBody(typeof(Request))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/cosign")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        ApiCommand.RunAsync<Request>(request, client, (caller, body) => HandleAsync(caller, id, body, cancellationToken), cancellationToken);

    public Decision Decision => DecisionCatalog.CoSign;

    public Type Fields => typeof(AnswerCoSignFields);

    public Task<CommandResult> GiveAsync(Caller caller, string id, ActionInput input, CancellationToken cancellationToken) =>
        HandleAsync(caller, id, new(input.Confirmed), cancellationToken);

    public sealed record Request(bool? Confirmed);

    public async Task<CommandResult> HandleAsync(Caller caller, string id, Request request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var confirmed = errors.Required("confirmed", request.Confirmed, "是否同意联名");
        return errors.Any
            ? Problems.Validation(errors)
            : await decisions.SendAsync(caller, id, DecisionCatalog.CoSign, (actor, rid) => new CoSignAnswered(rid, actor, confirmed), cancellationToken);
    }
}
