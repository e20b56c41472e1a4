using Replies.Functions.Decisions;
using Replies.Functions.Http;
using Replies.Functions.Web;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Proposals;

/// <summary>The command behind <see cref="AnswerCoSign"/>; the API and the item page give it alike.</summary>
public sealed class AnswerCoSignCommand(DecisionPipeline decisions) : IItemCommand
{
    public Decision Decision => DecisionCatalog.CoSign;

    public Type Fields => typeof(AnswerCoSignFields);

    public Task<CommandResult> GiveAsync(Caller caller, string id, ActionInput input, CancellationToken cancellationToken) =>
        HandleAsync(caller, id, new(input.Confirmed), cancellationToken);

    public sealed record Request(bool? Confirmed);

    public async Task<CommandResult> HandleAsync(Caller caller, string id, Request request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var confirmed = errors.Required("confirmed", request.Confirmed, "是否同意联名");
        return errors.Any
            ? Problems.Validation(errors)
            : await decisions.SendAsync(caller, id, DecisionCatalog.CoSign, (actor, rid) => new CoSignAnswered(rid, actor, confirmed), cancellationToken);
    }
}
