using Microsoft.AspNetCore.Mvc;
using Replies.Functions.Decisions;
using Replies.Workflows.Storage;

namespace Replies.Functions.Attachments;

/// <summary>
/// POST /api/proposals/{id}/attachments: adds a file (multipart field <c>file</c>) to the proposal (<c>part=proposal</c>,
/// its proposer before filing or the clerk office) or to the reply (<c>part=reply</c>, the lead department while drafting).
/// </summary>
public sealed class AddAttachment(DecisionPipeline decisions, AttachmentIntake attachments)
{
    [Function(nameof(AddAttachment))]
    [Authorize(Policy = Policies.SignedIn)]
    [Safety.Limited(Safety.LimitKind.Submission)]
    [EndpointSummary("上传附件")]
    [Tags("attachments")]
    [ProducesResponseType<AttachmentView>(StatusCodes.Status201Created)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/attachments")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var user = request.HttpContext.Person()!;
        var (snapshot, problem) = await decisions.LoadAsync(user, id, cancellationToken);
        if (snapshot is null)
        {
            return problem!;
        }

        var (form, file, refused) = await UploadedFile.ReadAsync(request, cancellationToken);
        if (file is null)
        {
            return refused!;
        }

        AttachmentPart? part = (form!["part"].FirstOrDefault() ?? "").Trim().ToUpperInvariant() switch
        {
            "" or "PROPOSAL" => AttachmentPart.Proposal,
            "REPLY" => AttachmentPart.Reply,
            _ => null,
        };
        if (part is null)
        {
            return Problems.Field("part", "part 须为 proposal（建议提案附件）或 reply（答复附件）。");
        }

        await using var content = file.OpenReadStream();
        return await attachments.AddAsync(user, snapshot.ProposalId, snapshot, part.Value, file.FileName, content, cancellationToken);
    }
}
