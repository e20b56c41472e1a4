using Replies.Functions.Http;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Deadlines;

/// <summary>The command behind <see cref="DecideExtension"/>; the API and the item page give it alike.</summary>
public sealed class DecideExtensionCommand(Decisions decisions)
{
    public sealed record Request(bool? Approved, DateOnly? Until, string? Comment);

    public async Task<CommandResult> HandleAsync(Caller caller, string id, Request request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var approved = errors.Required("approved", request.Approved, "是否同意");
        var comment = errors.Optional("comment", request.Comment, "意见", 500);
        return errors.Any
            ? Problems.Validation(errors)
            : await decisions.SendAsync(caller, id, "decideExtension", (actor, rid) => new ExtensionDecided(rid, actor, approved, approved ? request.Until : null, comment), cancellationToken);
    }
}
