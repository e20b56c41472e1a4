using Replies.Functions.Decisions;

namespace Replies.Functions.Attachments;

/// <summary>DELETE /api/proposals/{id}/attachments/{attachmentId}: the one who added a file removes it while its part is open (the proposal's before filing, the reply's while drafting).</summary>
public sealed class RemoveAttachment(DecisionPipeline decisions, AttachmentIntake attachments)
{
    [Function(nameof(RemoveAttachment))]
    [Authorize(Policy = Policies.SignedIn)]
    [EndpointSummary("删除附件")]
    [Tags("attachments")]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/proposals/{id}/attachments/{attachmentId}")] HttpRequest request, string id, string attachmentId, CancellationToken cancellationToken)
    {
        var user = request.HttpContext.Person()!;
        var (snapshot, problem) = await decisions.LoadAsync(user, id, cancellationToken);
        return snapshot is null ? problem! : await attachments.RemoveAsync(user, snapshot, attachmentId, cancellationToken);
    }
}
