using Replies.Functions.Http;
using Replies.Workflows;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Feedback;

/// <summary>The command behind <see cref="GiveFeedback"/>; the API and the item page give it alike.</summary>
public sealed class GiveFeedbackCommand(Decisions decisions)
{
    public sealed record Request(Rating? Rating, string? Comment);

    public async Task<CommandResult> HandleAsync(Caller caller, string id, Request request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var rating = errors.Required("rating", request.Rating, "测评意见");
        if (request.Rating == Rating.NoAnswer)
        {
            errors.Add("rating", "请选择满意、基本满意或不满意。");
        }

        var comment = errors.Optional("comment", request.Comment, "意见", 2000);
        if (request.Rating == Rating.Unsatisfied && comment is null)
        {
            errors.Add("comment", "选择不满意时请说明理由。");
        }

        return errors.Any
            ? Problems.Validation(errors)
            : await decisions.SendAsync(caller, id, "feedback", (actor, rid) => new FeedbackGiven(rid, actor, rating, comment), cancellationToken);
    }
}
