using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Workflows.Letters;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Functions.Handling;

/// <summary>
/// GET /api/proposals/{id}/drafts/{version}/check: what a reviewer would send the draft back for (salutation, title in
/// 《》 with 收悉, point-by-point answer, closing, handler and phone, contact details in a published reply, whether it
/// takes up the proposal's points).
/// </summary>
internal static class CheckDraft
{
    public static void Map(IEndpointRouteBuilder api) => api.MapGet("proposals/{id}/drafts/{version:int}/check", RunAsync)
        .WithName(nameof(CheckDraft)).WithSummary("答复稿检查").WithTags("handling").Produces<LetterCheckResult>().RequireAuthorization(Policies.Officials);

    private static async Task<IResult> RunAsync(string id, int version, Disclosure? disclosure, string? handlerName, string? handlerPhone, HttpContext http, Decisions decisions, DraftStore drafts, ProposalStore store, CancellationToken cancellationToken)
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

        // Before sending for approval the handler names what the submission will carry.
        var subject = snapshot with { HandlerName = handlerName ?? snapshot.HandlerName, HandlerPhone = handlerPhone ?? snapshot.HandlerPhone };
        var result = await RunCheckAsync(subject, version, disclosure, drafts, store, cancellationToken);
        return result is null ? Problems.NotFound("未找到该版本的答复稿。") : TypedResults.Ok(result);
    }

    /// <summary>Checks a version; the submitted class, disclosure and handler count once it was sent for approval.</summary>
    public static async Task<LetterCheckResult?> RunCheckAsync(ProposalSnapshot s, int version, Disclosure? disclosure, DraftStore drafts, ProposalStore store, CancellationToken cancellationToken)
    {
        var draft = version is > 0 and < 10_000 ? await drafts.GetAsync(s.ProposalId, version, cancellationToken) : null;
        if (draft is null)
        {
            return null;
        }

        var text = await store.GetTextAsync(s.ProposalId, cancellationToken);
        return LetterCheck.Run(new LetterCheckInput(s.Proposer.Name, s.Kind, s.Title, text?.Body, draft.Text, s.HandlerName, s.HandlerPhone, disclosure ?? s.Disclosure ?? Disclosure.Full));
    }
}
