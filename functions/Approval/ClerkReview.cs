using Microsoft.Extensions.Options;
using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Workflows;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Rules;

namespace Replies.Functions.Approval;

/// <summary>
/// POST /api/proposals/{id}/clerk-review: where the rules ask for it, the clerk office reviews an approved reply before
/// issue (督办审核): approve (optionally changing the result class) or send it back with comments.
/// </summary>
internal static class ClerkReview
{
    public sealed record Request(bool? Approved, ResultClass? ResultClass, string? Comments);

    public static void Map(IEndpointRouteBuilder api) => api.MapPost("proposals/{id}/clerk-review", RunAsync)
        .WithName(nameof(ClerkReview)).WithSummary("督办审核答复").WithTags("approval")
        .Accepts<Request>("application/json").RequireAuthorization(Policies.Clerk);

    private static async Task<IResult> RunAsync(string id, HttpContext http, CancellationToken cancellationToken)
    {
        var (request, problem) = await RequestBody.ReadAsync<Request>(http.Request, cancellationToken);
        return request is null ? problem! : await ActAsync(id, http, request, cancellationToken);
    }

    /// <summary>Validates the request and sends the decision; the API and the pages both come here.</summary>
    internal static async Task<IResult> ActAsync(string id, HttpContext http, Request request, CancellationToken cancellationToken)
    {
        var decisions = http.RequestServices.GetRequiredService<Decisions>();
        var rules = http.RequestServices.GetRequiredService<IOptions<RulesProfile>>();

        var errors = new FieldErrors();
        var approved = errors.Required("approved", request.Approved, "审核意见");
        var comments = errors.Optional("comments", request.Comments, "意见", 2000);
        if (request.Approved == false && comments is null)
        {
            errors.Add("comments", "退回须填写意见。");
        }

        if (request.ResultClass is { } c && !rules.Value.ResultClasses.Contains(c))
        {
            errors.Add("resultClass", $"答复类别须为：{string.Join("、", rules.Value.ResultClasses)}。");
        }

        return errors.Any
            ? Problems.Validation(errors)
            : await decisions.SendAsync(http, id, "clerkReview", (actor, rid) => new ClerkReviewed(rid, actor, approved, request.ResultClass, comments), cancellationToken);
    }
}
