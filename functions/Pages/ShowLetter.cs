using Azure;
using Replies.Functions.Decisions;
using Replies.Functions.Views;
using Replies.Functions.Web;
using Replies.Functions.Web.Pages;
using Replies.Workflows.Letters;
using Replies.Workflows.Storage;

namespace Replies.Functions.Pages;

/// <summary>GET /items/{id}/letters/{round}: an issued reply letter as a page, the same text in the letter's order.</summary>
public sealed class ShowLetter(PageRenderer pages, DecisionPipeline decisions, ReplyStorage storage)
{
    [Function(nameof(ShowLetter))]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "items/{id}/letters/{round:int}")] HttpRequest request, string id, int round, CancellationToken cancellationToken)
    {
        var http = request.HttpContext;
        var (snapshot, _) = await decisions.LoadAsync(http.Person()!, id, cancellationToken);
        var letter = snapshot?.Letters.FirstOrDefault(l => DetailBuilder.RoundOf(l.BlobName) == round);
        if (snapshot is null || letter is null)
        {
            return pages.Status(http, StatusCodes.Status404NotFound, "未找到该答复函。");
        }

        try
        {
            var content = await storage.Letters.GetBlobClient(letter.BlobName).DownloadContentAsync(cancellationToken);
            return pages.Render<LetterPage>(http, new Dictionary<string, object?>
            {
                ["ProposalId"] = id,
                ["Letter"] = letter,
                ["Lines"] = LetterReader.Read(content.Value.Content.ToArray()),
                ["Download"] = $"/api/proposals/{Uri.EscapeDataString(id)}/letters/{round}",
            });
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return pages.Status(http, StatusCodes.Status404NotFound, "答复函文件不存在。");
        }
    }
}
