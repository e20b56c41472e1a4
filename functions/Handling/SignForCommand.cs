using Replies.Functions.Http;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Handling;

/// <summary>The command behind <see cref="SignFor"/>; the API and the item page give it alike.</summary>
public sealed class SignForCommand(Decisions decisions)
{
    public Task<CommandResult> HandleAsync(Caller caller, string id, CancellationToken cancellationToken) =>
        decisions.SendAsync(caller, id, "signFor", (actor, rid) => new SignedFor(rid, actor), cancellationToken);
}
