using Replies.Functions.Http;
using Replies.Functions.Proposals;
using Replies.Workflows;
using Replies.Workflows.Letters;
using Replies.Workflows.Storage;

namespace Replies.Functions.Replies;

/// <summary>GET /api/public/replies/{id}: one published reply's text, without contact details; no sign-in.</summary>
internal static class GetPublishedReply
{
    public sealed record PublishedReply(ListPublishedReplies.PublishedSummary Summary, Disclosure Disclosure, string Text);

    public static void Map(IEndpointRouteBuilder api) => api.MapGet("public/replies/{id}", RunAsync)
        .WithName(nameof(GetPublishedReply)).WithSummary("查看公开的答复").WithTags("public").Produces<PublishedReply>().AllowAnonymous();

    private static async Task<IResult> RunAsync(string id, ProposalStore store, DraftStore drafts, CancellationToken cancellationToken)
    {
        var s = ProposalIds.IsWellFormed(id) ? await store.GetAsync(id, cancellationToken) : null;
        if (s is null || s.Letters.Count == 0 || !Publication.IsPublished(s.Disclosure))
        {
            return Problems.NotFound("未找到该公开答复。");
        }

        var draft = await drafts.GetAsync(id, s.Letters[^1].DraftVersion, cancellationToken);
        var text = draft is null ? "" : Publication.PublicText(draft.Text, s.Disclosure) ?? "";
        return TypedResults.Ok(new PublishedReply(ListPublishedReplies.Of(s), s.Disclosure!.Value, text));
    }
}
