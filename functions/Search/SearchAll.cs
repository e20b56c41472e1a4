using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Workflows.Letters;
using Replies.Workflows.Search;
using Replies.Workflows.Storage;

namespace Replies.Functions.Search;

/// <summary>
/// GET /api/search?q=&amp;kind=&amp;top=: full-text search for officials over proposals, issued replies and the
/// policy library, with highlighted passages; a proposal or unpublished reply shows only to those who may see it.
/// </summary>
internal static class SearchAll
{
    public static void Map(IEndpointRouteBuilder api) => api.MapGet("search", Run)
        .WithName(nameof(SearchAll)).WithSummary("全文检索（建议提案、答复、政策文件）").WithTags("search")
        .Produces<IReadOnlyList<SearchResult>>().RequireAuthorization(Policies.Officials);

    private static IResult Run(string? q, string? kind, int? top, HttpContext http, SearchIndexer indexer, ProposalCatalog catalog)
    {
        if (string.IsNullOrWhiteSpace(q) || q.Length > 200)
        {
            return Problems.Field("q", "请输入1至200字的检索词。");
        }

        SearchKind[] kinds = [SearchKind.Proposal, SearchKind.Reply, SearchKind.Library];
        if (kind is not null)
        {
            if (!Enum.TryParse<SearchKind>(kind, true, out var k) || !Enum.IsDefined(k) || kind.All(char.IsAsciiDigit))
            {
                return Problems.Field("kind", "类型须为：Proposal、Reply、Library、Passage。");
            }

            kinds = [k];
        }

        if (top is < 1 or > 100)
        {
            return Problems.Field("top", "须为1至100之间的整数。");
        }

        var user = http.Person()!;
        var hits = indexer.Internal.Search(q, kinds, top ?? 20, h => MaySee(user, h, catalog));
        return TypedResults.Ok(hits.Select(h => SearchResult.Of(h, h.ProposalId is { } id ? catalog.Get(id) is { } s ? Labels.Of(s.Stage) : null : null)).ToList());
    }

    /// <summary>Library documents are for every official; an item and its reply for those who may see the item, or anyone once published.</summary>
    public static bool MaySee(Workflows.Directory.DirectoryPerson user, SearchHit hit, ProposalCatalog catalog)
    {
        if (hit.ProposalId is not { } id)
        {
            return true;
        }

        if (catalog.Get(id) is not { } s)
        {
            return false;
        }

        var kind = hit.ParentKind ?? hit.Kind;
        return Access.CanSee(user, s) || (kind == SearchKind.Reply && Publication.IsPublished(s.Disclosure));
    }
}
