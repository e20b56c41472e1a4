using Microsoft.AspNetCore.Mvc;
using Replies.Functions.Attachments;

namespace Replies.Functions.Proposals;

/// <summary>
/// POST /api/proposals/word: reads a proposal from a Word file (multipart field <c>file</c>; <c>toSimplified=true</c>
/// to convert traditional characters) and answers its title, body and asks for confirmation, with the <c>upload</c>
/// to name in <c>POST /api/proposals</c> so the original is kept as the first attachment. Nothing is submitted.
/// </summary>
public sealed class ReadWordProposal(WordUploads words)
{
    [Function(nameof(ReadWordProposal))]
    [Authorize(Policy = Policies.Submitter)]
    [Safety.Limited(Safety.LimitKind.Submission)]
    [EndpointSummary("从 Word 文件读取建议或提案")]
    [Tags("proposals")]
    [ProducesResponseType<WordRead>(StatusCodes.Status200OK)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/word")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (form, file, refused) = await UploadedFile.ReadAsync(request, cancellationToken);
        return file is null ? refused! : await words.ReadAsync(request.HttpContext.Person()!, file, form!["toSimplified"] == "true", cancellationToken);
    }
}
