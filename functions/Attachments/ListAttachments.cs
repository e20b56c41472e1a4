using Microsoft.AspNetCore.Mvc;
using Replies.Functions.Decisions;

namespace Replies.Functions.Attachments;

/// <summary>GET /api/proposals/{id}/attachments: the item's files the caller may see.</summary>
public sealed class ListAttachments(DecisionPipeline decisions, AttachmentIntake attachments)
{
    [Function(nameof(ListAttachments))]
    [Authorize(Policy = Policies.SignedIn)]
    [EndpointSummary("附件列表")]
    [Tags("attachments")]
    [ProducesResponseType<IReadOnlyList<AttachmentView>>(StatusCodes.Status200OK)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/proposals/{id}/attachments")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var user = request.HttpContext.Person()!;
        var (snapshot, problem) = await decisions.LoadAsync(user, id, cancellationToken);
        return snapshot is null ? problem! : CommandResult.Ok(await attachments.ListAsync(user, snapshot, cancellationToken));
    }
}
