using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Workflows.Storage;

namespace Replies.Functions.Handling;

/// <summary>GET /api/proposals/{id}/drafts/{version}: one draft version as a text file, for those who handle the item.</summary>
internal static class DownloadDraft
{
    public static void Map(IEndpointRouteBuilder api) => api.MapGet("proposals/{id}/drafts/{version:int}", RunAsync)
        .WithName(nameof(DownloadDraft)).WithSummary("下载答复稿某一版本").WithTags("handling").RequireAuthorization(Policies.SignedIn);

    private static async Task<IResult> RunAsync(string id, int version, HttpContext http, Decisions decisions, DraftStore drafts, CancellationToken cancellationToken)
    {
        var user = http.Person()!;
        var (snapshot, problem) = await decisions.LoadAsync(user, id, cancellationToken);
        if (snapshot is null)
        {
            return problem!;
        }

        if (!Access.SeesWorkingPapers(user, snapshot))
        {
            return Problems.Forbidden("答复稿仅供承办单位和督办部门查看。");
        }

        var draft = version is > 0 and < 10_000 ? await drafts.GetAsync(id, version, cancellationToken) : null;
        if (draft is null)
        {
            return Problems.NotFound("未找到该版本的答复稿。");
        }

        http.Response.Headers["X-Draft-Author"] = Uri.EscapeDataString(draft.Author);
        http.Response.Headers["X-Draft-Saved-At"] = draft.SavedAt.ToString("O");
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(draft.Text), "text/plain; charset=utf-8", $"{id}-答复稿-v{version}.txt");
    }
}
