using Azure;
using Replies.Functions.Decisions;
using Replies.Functions.Views;
using Replies.Workflows.Storage;

namespace Replies.Functions.Replies;

/// <summary>GET /api/proposals/{id}/letters/{round}: the issued reply letter (.docx) of a handling round.</summary>
public sealed class DownloadLetter(DecisionPipeline decisions, ReplyStorage storage)
{
    [Function(nameof(DownloadLetter))]
    [Authorize(Policy = Policies.SignedIn)]
    [EndpointSummary("下载答复函（.docx）")]
    [Tags("replies")]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/proposals/{id}/letters/{round:int}")] HttpRequest request, string id, int round, CancellationToken cancellationToken)
    {
        var (snapshot, problem) = await decisions.LoadAsync(request.HttpContext.Person()!, id, cancellationToken);
        if (snapshot is null)
        {
            return problem!;
        }

        var letter = snapshot.Letters.FirstOrDefault(l => DetailBuilder.RoundOf(l.BlobName) == round);
        if (letter is null)
        {
            return Problems.NotFound("未找到该轮次的答复函。");
        }

        try
        {
            var content = await storage.Letters.GetBlobClient(letter.BlobName).DownloadContentAsync(cancellationToken);
            return CommandResult.Download(content.Value.Content.ToArray(), content.Value.Details.ContentType, $"{letter.LetterNumber}.docx");
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return Problems.NotFound("答复函文件不存在。");
        }
    }
}
