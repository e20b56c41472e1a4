using Replies.Functions.Decisions;
using Replies.Functions.Http;
using Replies.Functions.Web;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Assignment;

/// <summary>The command behind <see cref="MarkKeyItem"/>; the API and the item page give it alike.</summary>
public sealed class MarkKeyItemCommand(DecisionPipeline decisions) : IItemCommand
{
    public Decision Decision => DecisionCatalog.MarkKey;

    public Type Fields => typeof(MarkKeyItemFields);

    public Task<CommandResult> GiveAsync(Caller caller, string id, ActionInput input, CancellationToken cancellationToken) =>
        HandleAsync(caller, id, new(input.IsKey, input.SupervisingLeader), cancellationToken);

    public sealed record Request(bool? IsKey, string? SupervisingLeader);

    public async Task<CommandResult> HandleAsync(Caller caller, string id, Request request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var isKey = errors.Required("isKey", request.IsKey, "是否重点");
        var leader = errors.Optional("supervisingLeader", request.SupervisingLeader, "领办领导", 30);
        return errors.Any
            ? Problems.Validation(errors)
            : await decisions.SendAsync(caller, id, DecisionCatalog.MarkKey, (actor, rid) => new KeyItemMarked(rid, actor, isKey, isKey ? leader : null), cancellationToken);
    }
}
