using Replies.Functions.Decisions;
using Replies.Workflows.Storage;

namespace Replies.Functions.Handling;

/// <summary>GET /api/proposals/{id}/drafts/{version}: one draft version as a text file, for those who handle the item.</summary>
public sealed class DownloadDraft(DecisionPipeline decisions, DraftStore drafts)
{
    [Function(nameof(DownloadDraft))]
    [Authorize(Policy = Policies.SignedIn)]
    [EndpointSummary("下载答复稿某一版本")]
    [Tags("handling")]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/proposals/{id}/drafts/{version:int}")] HttpRequest request, string id, int version, CancellationToken cancellationToken)
    {
        var user = request.HttpContext.Person()!;
        var (snapshot, problem) = await decisions.LoadWorkingPapersAsync(user, id, cancellationToken);
        if (snapshot is null)
        {
            return problem!;
        }

        var draft = version is > 0 and < 10_000 ? await drafts.GetAsync(id, version, cancellationToken) : null;
        if (draft is null)
        {
            return Problems.NotFound("未找到该版本的答复稿。");
        }

        request.HttpContext.Response.Headers["X-Draft-Author"] = Uri.EscapeDataString(draft.Author);
        request.HttpContext.Response.Headers["X-Draft-Saved-At"] = draft.SavedAt.ToString("O");
        return CommandResult.Download(System.Text.Encoding.UTF8.GetBytes(draft.Text), "text/plain; charset=utf-8", $"{id}-答复稿-v{version}.txt");
    }
}
