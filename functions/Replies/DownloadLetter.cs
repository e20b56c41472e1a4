using Azure;
using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Functions.Views;
using Replies.Workflows.Storage;

namespace Replies.Functions.Replies;

/// <summary>GET /api/proposals/{id}/letters/{round}: the issued reply letter (.docx) of a handling round.</summary>
internal static class DownloadLetter
{
    public static void Map(IEndpointRouteBuilder api) => api.MapGet("proposals/{id}/letters/{round:int}", RunAsync)
        .WithName(nameof(DownloadLetter)).WithSummary("下载答复函（.docx）").WithTags("replies").RequireAuthorization(Policies.SignedIn);

    private static async Task<IResult> RunAsync(string id, int round, HttpContext http, Decisions decisions, ReplyStorage storage, CancellationToken cancellationToken)
    {
        var (snapshot, problem) = await decisions.LoadAsync(http.Person()!, id, cancellationToken);
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
            return TypedResults.File(content.Value.Content.ToArray(), content.Value.Details.ContentType, $"{letter.LetterNumber}.docx");
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return Problems.NotFound("答复函文件不存在。");
        }
    }
}
