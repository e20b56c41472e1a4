using Replies.Functions.Decisions;
using Replies.Functions.Http;
using Replies.Functions.Web;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Deadlines;

/// <summary>The command behind <see cref="DecideExtension"/>; the API and the item page give it alike.</summary>
public sealed class DecideExtensionCommand(DecisionPipeline decisions) : IItemCommand
{
    public Decision Decision => DecisionCatalog.DecideExtension;

    public Type Fields => typeof(DecideExtensionFields);

    public Task<CommandResult> GiveAsync(Caller caller, string id, ActionInput input, CancellationToken cancellationToken) =>
        HandleAsync(caller, id, new(input.Approved, input.Until, input.Comment), cancellationToken);

    public sealed record Request(bool? Approved, DateOnly? Until, string? Comment);

    public async Task<CommandResult> HandleAsync(Caller caller, string id, Request request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var approved = errors.Required("approved", request.Approved, "是否同意");
        var comment = errors.Optional("comment", request.Comment, "意见", 500);
        return errors.Any
            ? Problems.Validation(errors)
            : await decisions.SendAsync(caller, id, DecisionCatalog.DecideExtension, (actor, rid) => new ExtensionDecided(rid, actor, approved, approved ? request.Until : null, comment), cancellationToken);
    }
}
