using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Replies.Functions.Decisions;
using Replies.Functions.Web;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Functions.Handling;

/// <summary>
/// POST /api/proposals/{id}/submission: the handler sends a saved draft version for approval (送审), with the result
/// class, how the reply is published, and the handler's name and phone printed on the letter.
/// The item page's form gives the same command (<see cref="IItemCommand"/>).
/// </summary>
public sealed class SubmitForApproval(DecisionPipeline decisions, DraftStore drafts) : DecisionFunction<SubmitForApproval.Request, SubmittedForApproval>(decisions, DecisionCatalog.SubmitForApproval)
{
    [Function(nameof(SubmitForApproval))]
    [Authorize(Policy = Policies.DepartmentStaff)]
    [EndpointSummary("答复稿送审")]
    [Tags("handling")]
    [RequestBody(typeof(Request))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/submission")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        AnswerAsync(request, id, client, cancellationToken);

    public override Type Fields => typeof(SubmitForApprovalFields);

    protected override Request FromForm(ActionInput input) => new(input.DraftVersion, input.ResultClass, input.Disclosure, input.HandlerName, input.HandlerPhone);

    public sealed record Request(int? DraftVersion, ResultClass? ResultClass, Disclosure? Disclosure, string? HandlerName, string? HandlerPhone);

    protected override Func<Actor, string, SubmittedForApproval> Check(Request request, FieldErrors errors)
    {
        var version = errors.Required("draftVersion", request.DraftVersion, "送审的答复稿版本");
        var resultClass = errors.Required("resultClass", request.ResultClass, "答复类别");
        var disclosure = errors.Required("disclosure", request.Disclosure, "公开属性");
        var handler = errors.Text("handlerName", request.HandlerName, "承办人", 20);
        var phone = errors.Text("handlerPhone", request.HandlerPhone, "联系电话", 30);
        if (phone.Length > 0 && !phone.All(c => char.IsAsciiDigit(c) || c is '-' or ' ' or '(' or ')' or '+' or '转'))
        {
            errors.Add("handlerPhone", "联系电话格式不正确。");
        }

        return (actor, rid) => new SubmittedForApproval(rid, actor, version, resultClass, disclosure, handler, phone);
    }

    // The version sent must be one the department saved.
    protected override async ValueTask<Func<Actor, string, SubmittedForApproval>> CheckAsync(string id, Request request, FieldErrors errors, CancellationToken cancellationToken)
    {
        var make = Check(request, errors);
        if (request.DraftVersion is { } version && (version <= 0 || !Proposals.ProposalIds.IsWellFormed(id) || await drafts.GetAsync(id, version, cancellationToken) is null))
        {
            errors.Add("draftVersion", "该版本的答复稿不存在，请先保存。");
        }

        return make;
    }
}
