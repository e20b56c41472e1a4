using Microsoft.AspNetCore.Mvc;
using Replies.Functions.Decisions;
using Replies.Workflows.Letters;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Functions.Handling;

/// <summary>
/// GET /api/proposals/{id}/drafts/{version}/check: what a reviewer would send the draft back for (salutation, title in
/// 《》 with 收悉, point-by-point answer, closing, handler and phone, contact details in a published reply, whether it
/// takes up the proposal's points).
/// </summary>
public sealed class CheckDraft(DecisionPipeline decisions, DraftStore drafts, ProposalStore store, DraftCoverageReader coverage)
{
    [Function(nameof(CheckDraft))]
    [Authorize(Policy = Policies.Officials)]
    [EndpointSummary("答复稿检查")]
    [Tags("handling")]
    [ProducesResponseType<LetterCheckResult>(StatusCodes.Status200OK)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/proposals/{id}/drafts/{version:int}/check")] HttpRequest request, string id, int version, CancellationToken cancellationToken)
    {
        var user = request.HttpContext.Person()!;
        var (snapshot, problem) = await decisions.LoadWorkingPapersAsync(user, id, cancellationToken);
        if (snapshot is null)
        {
            return problem!;
        }

        Disclosure? disclosure = null;
        if (request.Text("disclosure") is { } named)
        {
            if (!Enum.TryParse<Disclosure>(named, true, out var parsed) || !Enum.IsDefined(parsed) || named.All(char.IsAsciiDigit))
            {
                return Problems.Field("disclosure", $"公开属性须为：{string.Join("、", Enum.GetNames<Disclosure>())}。");
            }

            disclosure = parsed;
        }

        // Before sending for approval the handler names what the submission will carry.
        var subject = snapshot with { HandlerName = request.Text("handlerName") ?? snapshot.HandlerName, HandlerPhone = request.Text("handlerPhone") ?? snapshot.HandlerPhone };
        var result = await DraftCheck.RunCheckAsync(subject, version, disclosure, drafts, store, cancellationToken, await coverage.ReadAsync(snapshot, version, cancellationToken));
        return result is null ? Problems.NotFound("未找到该版本的答复稿。") : CommandResult.Ok(result);
    }
}
