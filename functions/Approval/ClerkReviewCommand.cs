using Microsoft.Extensions.Options;
using Replies.Functions.Http;
using Replies.Workflows;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Rules;

namespace Replies.Functions.Approval;

/// <summary>The command behind <see cref="ClerkReview"/>; the API and the item page give it alike.</summary>
public sealed class ClerkReviewCommand(Decisions decisions, IOptions<RulesProfile> rules)
{
    public sealed record Request(bool? Approved, ResultClass? ResultClass, string? Comments);

    public async Task<CommandResult> HandleAsync(Caller caller, string id, Request request, CancellationToken cancellationToken)
    {
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
            : await decisions.SendAsync(caller, id, "clerkReview", (actor, rid) => new ClerkReviewed(rid, actor, approved, request.ResultClass, comments), cancellationToken);
    }
}
