using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Replies.Functions.Decisions;
using Replies.Functions.Web;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Deadlines;

/// <summary>POST /api/proposals/{id}/extension-decisions: the clerk office grants (possibly to another date) or refuses an extension. The item page's form gives the same command.</summary>
public sealed class DecideExtension(DecisionPipeline decisions) : DecisionFunction<DecideExtension.Request, ExtensionDecided>(decisions, DecisionCatalog.DecideExtension)
{
    [Function(nameof(DecideExtension))]
    [Authorize(Policy = Policies.Clerk)]
    [EndpointSummary("决定延期申请")]
    [Tags("deadlines")]
    [RequestBody(typeof(Request))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/extension-decisions")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        AnswerAsync(request, id, client, cancellationToken);

    public override Type Fields => typeof(DecideExtensionFields);

    protected override Request FromForm(ActionInput input) => new(input.Approved, input.Until, input.Comment);

    public sealed record Request(bool? Approved, DateOnly? Until, string? Comment);

    protected override Func<Actor, string, ExtensionDecided> Check(Request request, FieldErrors errors)
    {
        var approved = errors.Required("approved", request.Approved, "是否同意");
        var comment = errors.Optional("comment", request.Comment, "意见", 500);
        return (actor, rid) => new ExtensionDecided(rid, actor, approved, approved ? request.Until : null, comment);
    }
}
