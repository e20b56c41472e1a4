using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Replies.Functions.Decisions;
using Replies.Functions.Web;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Proposals;

/// <summary>POST /api/proposals/{id}/cosign: an invited deputy or member confirms or refuses co-signing (联名). The item page's form gives the same command.</summary>
public sealed class AnswerCoSign(DecisionPipeline decisions) : DecisionFunction<AnswerCoSign.Request, CoSignAnswered>(decisions, DecisionCatalog.CoSign)
{
    [Function(nameof(AnswerCoSign))]
    [Authorize(Policy = Policies.Proposer)]
    [EndpointSummary("确认或拒绝联名")]
    [Tags("proposals")]
    [RequestBody(typeof(Request))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/cosign")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        AnswerAsync(request, id, client, cancellationToken);

    public override Type Fields => typeof(AnswerCoSignFields);

    protected override Request FromForm(ActionInput input) => new(input.Confirmed);

    public sealed record Request(bool? Confirmed);

    protected override Func<Actor, string, CoSignAnswered> Check(Request request, FieldErrors errors)
    {
        var confirmed = errors.Required("confirmed", request.Confirmed, "是否同意联名");
        return (actor, rid) => new CoSignAnswered(rid, actor, confirmed);
    }
}
