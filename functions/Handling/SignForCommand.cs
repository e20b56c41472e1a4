using Replies.Functions.Decisions;
using Replies.Functions.Http;
using Replies.Functions.Web;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Handling;

/// <summary>The command behind <see cref="SignFor"/>; the API and the item page give it alike.</summary>
public sealed class SignForCommand(DecisionPipeline decisions) : IItemCommand
{
    public Decision Decision => DecisionCatalog.SignFor;

    public Type Fields => typeof(SignForFields);

    public Task<CommandResult> GiveAsync(Caller caller, string id, ActionInput input, CancellationToken cancellationToken) =>
        HandleAsync(caller, id, cancellationToken);

    public Task<CommandResult> HandleAsync(Caller caller, string id, CancellationToken cancellationToken) =>
        decisions.SendAsync(caller, id, DecisionCatalog.SignFor, (actor, rid) => new SignedFor(rid, actor), cancellationToken);
}
