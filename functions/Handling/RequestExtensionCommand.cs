using Replies.Functions.Decisions;
using Replies.Functions.Http;
using Replies.Functions.Views;
using Replies.Functions.Web;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Handling;

/// <summary>The command behind <see cref="RequestExtension"/>; the API and the item page give it alike.</summary>
public sealed class RequestExtensionCommand(DecisionPipeline decisions, TimeProvider time) : IItemCommand
{
    public Decision Decision => DecisionCatalog.RequestExtension;

    public Type Fields => typeof(RequestExtensionFields);

    public Task<CommandResult> GiveAsync(Caller caller, string id, ActionInput input, CancellationToken cancellationToken) =>
        HandleAsync(caller, id, new(input.Until, input.Reason), cancellationToken);

    public sealed record Request(DateOnly? Until, string? Reason);

    public async Task<CommandResult> HandleAsync(Caller caller, string id, Request request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var until = errors.Required("until", request.Until, "延期至日期");
        if (request.Until is not null && until <= ChinaTime.Today(time))
        {
            errors.Add("until", "延期至日期须晚于今天。");
        }
        else if (request.Until is not null && until > ChinaTime.Today(time).AddYears(1))
        {
            errors.Add("until", "延期至日期不能晚于一年后，请按公历填写。");
        }

        var reason = errors.Text("reason", request.Reason, "延期理由", 500, 5);
        return errors.Any
            ? Problems.Validation(errors)
            : await decisions.SendAsync(caller, id, DecisionCatalog.RequestExtension, (actor, rid) => new ExtensionRequested(rid, actor, until, reason), cancellationToken);
    }
}
