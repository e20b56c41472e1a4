using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Workflows;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Functions.Handling;

/// <summary>
/// POST /api/proposals/{id}/submission: the handler sends a saved draft version for approval (送审), with the result
/// class, how the reply is published, and the handler's name and phone printed on the letter.
/// </summary>
internal static class SubmitForApproval
{
    public sealed record Request(int? DraftVersion, ResultClass? ResultClass, Disclosure? Disclosure, string? HandlerName, string? HandlerPhone);

    public static void Map(IEndpointRouteBuilder api) => api.MapPost("proposals/{id}/submission", RunAsync)
        .WithName(nameof(SubmitForApproval)).WithSummary("答复稿送审").WithTags("handling")
        .Accepts<Request>("application/json").RequireAuthorization(Policies.DepartmentStaff);

    private static async Task<IResult> RunAsync(string id, HttpContext http, CancellationToken cancellationToken)
    {
        var (request, problem) = await RequestBody.ReadAsync<Request>(http.Request, cancellationToken);
        return request is null ? problem! : await ActAsync(id, http, request, cancellationToken);
    }

    /// <summary>Validates the request and sends the decision; the API and the pages both come here.</summary>
    internal static async Task<IResult> ActAsync(string id, HttpContext http, Request request, CancellationToken cancellationToken)
    {
        var decisions = http.RequestServices.GetRequiredService<Decisions>();
        var drafts = http.RequestServices.GetRequiredService<DraftStore>();
        var rules = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Workflows.Rules.RulesProfile>>();

        var errors = new FieldErrors();
        var version = errors.Required("draftVersion", request.DraftVersion, "送审的答复稿版本");
        var resultClass = errors.Required("resultClass", request.ResultClass, "答复类别");
        var disclosure = errors.Required("disclosure", request.Disclosure, "公开属性");
        var handler = errors.Text("handlerName", request.HandlerName, "承办人", 20);
        var phone = errors.Text("handlerPhone", request.HandlerPhone, "联系电话", 30);
        if (phone.Length > 0 && !phone.All(c => char.IsAsciiDigit(c) || c is '-' or ' ' or '(' or ')' or '+' or '转'))
        {
            errors.Add("handlerPhone", "联系电话格式不正确。");
        }

        if (request.ResultClass is { } c && !rules.Value.ResultClasses.Contains(c))
        {
            errors.Add("resultClass", $"答复类别须为：{string.Join("、", rules.Value.ResultClasses)}。");
        }

        if (request.DraftVersion is not null && (version <= 0 || !Proposals.ProposalIds.IsWellFormed(id) || await drafts.GetAsync(id, version, cancellationToken) is null))
        {
            errors.Add("draftVersion", "该版本的答复稿不存在，请先保存。");
        }

        return errors.Any
            ? Problems.Validation(errors)
            : await decisions.SendAsync(http, id, "submitForApproval", (actor, rid) => new SubmittedForApproval(rid, actor, version, resultClass, disclosure, handler, phone), cancellationToken);
    }
}
