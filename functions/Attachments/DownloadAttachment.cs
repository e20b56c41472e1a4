using Replies.Functions.Decisions;

namespace Replies.Functions.Attachments;

/// <summary>
/// GET /api/proposals/{id}/attachments/{attachmentId}: the file, always as a download (<c>Content-Disposition:
/// attachment</c>, served as the type its content was found to be, never sniffed by the browser); 404 to whoever may not see it.
/// </summary>
public sealed class DownloadAttachment(DecisionPipeline decisions, AttachmentIntake attachments)
{
    [Function(nameof(DownloadAttachment))]
    [Authorize(Policy = Policies.SignedIn)]
    [EndpointSummary("下载附件")]
    [Tags("attachments")]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/proposals/{id}/attachments/{attachmentId}")] HttpRequest request, string id, string attachmentId, CancellationToken cancellationToken)
    {
        var user = request.HttpContext.Person()!;
        var (snapshot, problem) = await decisions.LoadAsync(user, id, cancellationToken);
        if (snapshot is null)
        {
            return problem!;
        }

        return await attachments.OpenAsync(user, snapshot, attachmentId, cancellationToken) is { } file
            ? CommandResult.Download(file.Content.ToArray(), file.Attachment.ContentType, file.Attachment.Name)
            : Problems.NotFound("未找到该附件。");
    }
}
