using Microsoft.Extensions.Options;
using Replies.Functions.Http;
using Replies.Functions.Startup;
using Replies.Functions.Views;
using Replies.Workflows;
using Replies.Workflows.Letters;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Functions.Replies;

/// <summary>GET /api/public/replies: published replies (全文公开 or 摘要公开), newest first, searchable by title; no sign-in.</summary>
public static class ListPublishedReplies
{
    public sealed record PublishedSummary(string Id, string Title, string KindLabel, string Session, string Proposer, string? Department, DateTime? RepliedAt, string? LetterNumber, string? Snippet = null);

    internal static void Map(IEndpointRouteBuilder api) => api.MapGet("public/replies", Run)
        .WithName(nameof(ListPublishedReplies)).WithSummary("公开的答复").WithTags("public")
        .Produces<ListPage<PublishedSummary>>().AllowAnonymous();

    private static IResult Run(string? q, string? session, int? page, int? pageSize, ProposalCatalog catalog, Workflows.Search.SearchIndexer indexer, IOptions<ApiOptions> options)
    {
        var size = pageSize ?? 20;
        if (size < 1 || size > options.Value.MaxPageSize || page is < 1)
        {
            return Problems.Field(page is < 1 ? "page" : "pageSize", "分页参数超出范围。");
        }

        if (q?.Length > 200)
        {
            return Problems.Field("q", "检索词不能超过200字。");
        }

        var matched = Find(q, session, catalog, indexer);
        var items = matched.Skip(((page ?? 1) - 1) * size).Take(size).ToList();
        return TypedResults.Ok(new ListPage<PublishedSummary>(matched.Count, page ?? 1, size, items));
    }

    /// <summary>
    /// Published replies: newest first, or with a query the best matches of the public index (which holds published
    /// replies only) with their highlighted passages. The API and the public page show the same.
    /// </summary>
    public static IReadOnlyList<PublishedSummary> Find(string? q, string? session, ProposalCatalog catalog, Workflows.Search.SearchIndexer indexer)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return [.. Published(catalog).Where(s => session is null || s.Session == session).OrderByDescending(s => s.RepliedAt).Select(s => Of(s))];
        }

        var hits = indexer.Public.Search(q, [Workflows.Search.SearchKind.Reply], 200, h => session is null || h.Session == session);
        return [.. hits.Select(h => catalog.Get(h.ProposalId!) is { } s && Publication.IsPublished(s.Disclosure) ? Of(s, h.Snippet) : null).OfType<PublishedSummary>()];
    }

    public static IEnumerable<ProposalSnapshot> Published(ProposalCatalog catalog) =>
        catalog.All.Where(s => s.Letters.Count > 0 && Publication.IsPublished(s.Disclosure));

    public static PublishedSummary Of(ProposalSnapshot s, string? snippet = null) =>
        new(s.ProposalId, s.Title, Labels.Noun(s.Kind), s.Session, s.Proposer.Name, s.LeadDepartment, s.Letters[^1].IssuedAt, s.Letters[^1].LetterNumber, snippet);
}
