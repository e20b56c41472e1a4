using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Replies.Functions.Decisions;
using Replies.Functions.Web;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Assignment;

/// <summary>POST /api/proposals/{id}/key: the clerk office marks or unmarks a key item (重点建议/提案) and its supervising leader. The item page's form gives the same command.</summary>
public sealed class MarkKeyItem(DecisionPipeline decisions) : DecisionFunction<MarkKeyItem.Request, KeyItemMarked>(decisions, DecisionCatalog.MarkKey)
{
    [Function(nameof(MarkKeyItem))]
    [Authorize(Policy = Policies.Clerk)]
    [EndpointSummary("确定或取消重点建议、提案")]
    [Tags("assignment")]
    [RequestBody(typeof(Request))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/key")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        AnswerAsync(request, id, client, cancellationToken);

    public override Type Fields => typeof(MarkKeyItemFields);

    protected override Request FromForm(ActionInput input) => new(input.IsKey, input.SupervisingLeader);

    public sealed record Request(bool? IsKey, string? SupervisingLeader);

    protected override Func<Actor, string, KeyItemMarked> Check(Request request, FieldErrors errors)
    {
        var isKey = errors.Required("isKey", request.IsKey, "是否重点");
        var leader = errors.Optional("supervisingLeader", request.SupervisingLeader, "领办领导", 30);
        return (actor, rid) => new KeyItemMarked(rid, actor, isKey, isKey ? leader : null);
    }
}
