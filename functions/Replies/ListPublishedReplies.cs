using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Replies.Functions.Startup;
using Replies.Functions.Views;
using Replies.Workflows.ReadModel;
using Replies.Workflows.Search;

namespace Replies.Functions.Replies;

/// <summary>GET /api/public/replies: published replies (全文公开 or 摘要公开), newest first, searchable by title; no sign-in.</summary>
public sealed class ListPublishedReplies(ItemLists lists, SharedIndexReader indexer, IOptions<ApiOptions> options)
{
    [Function(nameof(ListPublishedReplies))]
    [AllowAnonymous]
    [EndpointSummary("公开的答复")]
    [Tags("public")]
    [ProducesResponseType<ListPage<PublishedRepliesView.PublishedSummary>>(StatusCodes.Status200OK)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/public/replies")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (page, pageProblem) = request.Int("page", 1, int.MaxValue);
        var (size, sizeProblem) = request.Int("pageSize", 1, options.Value.MaxPageSize);
        if ((pageProblem ?? sizeProblem) is { } problem)
        {
            return problem;
        }

        var q = request.Text("q");
        if (q?.Length > 200)
        {
            return Problems.Field("q", "检索词不能超过200字。");
        }

        var matched = await PublishedRepliesView.FindAsync(q, request.Text("session"), lists, indexer, cancellationToken);
        var items = matched.Skip(((page ?? 1) - 1) * (size ?? 20)).Take(size ?? 20).ToList();
        return CommandResult.Ok(new ListPage<PublishedRepliesView.PublishedSummary>(matched.Count, page ?? 1, size ?? 20, items));
    }
}
