using Replies.Functions.Http;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Proposals;

/// <summary>The command behind <see cref="AnswerCoSign"/>; the API and the item page give it alike.</summary>
public sealed class AnswerCoSignCommand(Decisions decisions)
{
    public sealed record Request(bool? Confirmed);

    public async Task<CommandResult> HandleAsync(Caller caller, string id, Request request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var confirmed = errors.Required("confirmed", request.Confirmed, "是否同意联名");
        return errors.Any
            ? Problems.Validation(errors)
            : await decisions.SendAsync(caller, id, "cosign", (actor, rid) => new CoSignAnswered(rid, actor, confirmed), cancellationToken);
    }
}
