using Microsoft.DurableTask.Client;
using Replies.Functions.Web;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Decisions;

/// <summary>
/// A decision the orchestration takes as <typeparamref name="TEvent"/>, given through its API function (declared by
/// the subclass: the Worker SDK's generator needs each function's attributes on its own method) and through the item
/// page's form alike. A subclass says only what is its own: how its request is read from the page's form, and the
/// checks of its fields that need more than the descriptor's content checks (the directory, storage, today's date).
/// </summary>
public abstract class DecisionFunction<TRequest, TEvent>(DecisionPipeline decisions, Decision<TEvent> decision) : IItemCommand
    where TRequest : class
    where TEvent : ProposalAction
{
    public Decision Decision => decision;

    public abstract Type Fields { get; }

    /// <summary>The request the item page's form carries.</summary>
    protected abstract TRequest FromForm(ActionInput input);

    /// <summary>
    /// Checks the request's fields, adding what is wrong to <paramref name="errors"/>, and says how the event is made
    /// from who gives it and the request's id (not called on when <paramref name="errors"/> has any).
    /// </summary>
    protected abstract Func<Actor, string, TEvent> Check(TRequest request, FieldErrors errors);

    /// <summary>The checks that read storage; by default the synchronous ones alone.</summary>
    protected virtual ValueTask<Func<Actor, string, TEvent>> CheckAsync(string id, TRequest request, FieldErrors errors, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Check(request, errors));

    public Task<CommandResult> GiveAsync(Caller caller, string id, ActionInput input, CancellationToken cancellationToken) =>
        HandleAsync(caller, id, FromForm(input), cancellationToken);

    public async Task<CommandResult> HandleAsync(Caller caller, string id, TRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        var make = await CheckAsync(id, request, errors, cancellationToken);
        return errors.Any ? Problems.Validation(errors) : await decisions.SendAsync(caller, id, decision, make, cancellationToken);
    }

    /// <summary>What the API function answers: the JSON body read as the request and given by the caller.</summary>
    protected Task<IResult> AnswerAsync(HttpRequest request, string id, DurableTaskClient client, CancellationToken cancellationToken) =>
        ApiCommand.RunAsync<TRequest>(request, client, (caller, body) => HandleAsync(caller, id, body, cancellationToken), cancellationToken);
}
