using Microsoft.Extensions.Options;
using Replies.Functions.Decisions;
using Replies.Functions.Http;
using Replies.Functions.Web;
using Replies.Workflows;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Rules;

namespace Replies.Functions.Approval;

/// <summary>The command behind <see cref="ClerkReview"/>; the API and the item page give it alike.</summary>
public sealed class ClerkReviewCommand(DecisionPipeline decisions) : IItemCommand
{
    public Decision Decision => DecisionCatalog.ClerkReview;

    public Type Fields => typeof(ApprovalFields);

    public Task<CommandResult> GiveAsync(Caller caller, string id, ActionInput input, CancellationToken cancellationToken) =>
        HandleAsync(caller, id, new(input.Approved, input.ResultClass, input.Comments), cancellationToken);

    public sealed record Request(bool? Approved, ResultClass? ResultClass, string? Comments);

    public async Task<CommandResult> HandleAsync(Caller caller, string id, Request request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var approved = errors.Required("approved", request.Approved, "审核意见");
        var comments = errors.Optional("comments", request.Comments, "意见", 2000);
        return errors.Any
            ? Problems.Validation(errors)
            : await decisions.SendAsync(caller, id, DecisionCatalog.ClerkReview, (actor, rid) => new ClerkReviewed(rid, actor, approved, request.ResultClass, comments), cancellationToken);
    }
}
