using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Replies.Functions.Decisions;
using Replies.Functions.Web;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Handling;

/// <summary>POST /api/proposals/{id}/sign-for: the caller's department signs for the item (签收). The item page's form gives the same command.</summary>
public sealed class SignFor(DecisionPipeline decisions) : DecisionFunction<SignFor.Request, SignedFor>(decisions, DecisionCatalog.SignFor)
{
    [Function(nameof(SignFor))]
    [Authorize(Policy = Policies.DepartmentStaff)]
    [EndpointSummary("签收")]
    [Tags("handling")]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/sign-for")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        ApiCommand.CallerOf(request, client) is { } caller ? await HandleAsync(caller, id, new Request(), cancellationToken) : Problems.Forbidden("您不在名录中，无法操作。");

    public override Type Fields => typeof(SignForFields);

    /// <summary>Signing for carries nothing but who signs (the API takes no body).</summary>
    public sealed record Request;

    protected override Request FromForm(ActionInput input) => new();

    protected override Func<Actor, string, SignedFor> Check(Request request, FieldErrors errors) => (actor, rid) => new SignedFor(rid, actor);
}
