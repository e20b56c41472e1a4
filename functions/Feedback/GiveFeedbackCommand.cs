using Replies.Functions.Decisions;
using Replies.Functions.Http;
using Replies.Functions.Web;
using Replies.Workflows;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Feedback;

/// <summary>The command behind <see cref="GiveFeedback"/>; the API and the item page give it alike.</summary>
public sealed class GiveFeedbackCommand(DecisionPipeline decisions) : IItemCommand
{
    public Decision Decision => DecisionCatalog.Feedback;

    public Type Fields => typeof(GiveFeedbackFields);

    public Task<CommandResult> GiveAsync(Caller caller, string id, ActionInput input, CancellationToken cancellationToken) =>
        HandleAsync(caller, id, new(input.Rating, input.Comment), cancellationToken);

    public sealed record Request(Rating? Rating, string? Comment);

    public async Task<CommandResult> HandleAsync(Caller caller, string id, Request request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var rating = errors.Required("rating", request.Rating, "测评意见");
        var comment = errors.Optional("comment", request.Comment, "意见", 2000);
        return errors.Any
            ? Problems.Validation(errors)
            : await decisions.SendAsync(caller, id, DecisionCatalog.Feedback, (actor, rid) => new FeedbackGiven(rid, actor, rating, comment), cancellationToken);
    }
}
