using Microsoft.AspNetCore.Mvc;
using Replies.Workflows.Search;
using Replies.Workflows.Storage;

namespace Replies.Functions.Search;

/// <summary>
/// GET /api/search?q=&amp;kind=&amp;top=: full-text search for officials over proposals, issued replies and the
/// policy library, with highlighted passages; a proposal or unpublished reply shows only to those who may see it.
/// </summary>
public sealed class SearchAll(SharedIndexReader indexer)
{
    [Function(nameof(SearchAll))]
    [Authorize(Policy = Policies.Officials)]
    [EndpointSummary("全文检索（建议提案、答复、政策文件）")]
    [Tags("search")]
    [ProducesResponseType<IReadOnlyList<SearchResult>>(StatusCodes.Status200OK)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/search")] HttpRequest request, CancellationToken cancellationToken)
    {
        var q = request.Text("q");
        if (string.IsNullOrWhiteSpace(q) || q.Length > 200)
        {
            return Problems.Field("q", "请输入1至200字的检索词。");
        }

        SearchKind[] kinds = [SearchKind.Proposal, SearchKind.Reply, SearchKind.Library];
        if (request.Text("kind") is { } kind)
        {
            if (!Enum.TryParse<SearchKind>(kind, true, out var k) || !Enum.IsDefined(k) || kind.All(char.IsAsciiDigit))
            {
                return Problems.Field("kind", "类型须为：Proposal、Reply、Library、Passage。");
            }

            kinds = [k];
        }

        var (top, problem) = request.Int("top", 1, 100);
        if (problem is not null)
        {
            return problem;
        }

        var user = request.HttpContext.Person()!;
        await indexer.ReadyAsync(cancellationToken);
        var hits = indexer.Internal.Search(q, kinds, top ?? 20, h => SearchVisibility.MaySee(user, h));
        return CommandResult.Ok(hits.Select(h => SearchResult.Of(h, SearchResult.StageLabel(h))).ToList());
    }
}
