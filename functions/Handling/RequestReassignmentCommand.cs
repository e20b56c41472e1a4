using Replies.Functions.Decisions;
using Replies.Functions.Http;
using Replies.Functions.Web;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Handling;

/// <summary>The command behind <see cref="RequestReassignment"/>; the API and the item page give it alike.</summary>
public sealed class RequestReassignmentCommand(DecisionPipeline decisions) : IItemCommand
{
    public Decision Decision => DecisionCatalog.RequestReassignment;

    public Type Fields => typeof(RequestReassignmentFields);

    public Task<CommandResult> GiveAsync(Caller caller, string id, ActionInput input, CancellationToken cancellationToken) =>
        HandleAsync(caller, id, new(input.Reason), cancellationToken);

    public sealed record Request(string? Reason);

    public async Task<CommandResult> HandleAsync(Caller caller, string id, Request request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var reason = errors.Text("reason", request.Reason, "申请理由", 500, 5);
        return errors.Any
            ? Problems.Validation(errors)
            : await decisions.SendAsync(caller, id, DecisionCatalog.RequestReassignment, (actor, rid) => new ReassignmentRequested(rid, actor, reason), cancellationToken);
    }
}
