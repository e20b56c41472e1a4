using Replies.Functions.Http;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Handling;

/// <summary>The command behind <see cref="RequestReassignment"/>; the API and the item page give it alike.</summary>
public sealed class RequestReassignmentCommand(Decisions decisions)
{
    public sealed record Request(string? Reason);

    public async Task<CommandResult> HandleAsync(Caller caller, string id, Request request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var reason = errors.Text("reason", request.Reason, "申请理由", 500, 5);
        return errors.Any
            ? Problems.Validation(errors)
            : await decisions.SendAsync(caller, id, "requestReassignment", (actor, rid) => new ReassignmentRequested(rid, actor, reason), cancellationToken);
    }
}
