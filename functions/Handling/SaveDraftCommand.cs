using Microsoft.Extensions.Options;
using Replies.Functions.Decisions;
using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Functions.Web;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Rules;
using Replies.Workflows.Storage;

namespace Replies.Functions.Handling;

/// <summary>The command behind <see cref="SaveDraft"/>; the API and the item page give it alike.</summary>
public sealed class SaveDraftCommand(DecisionPipeline decisions, DraftStore drafts, IOptions<RulesProfile> rules) : IItemCommand
{
    public Decision Decision => DecisionCatalog.SaveDraft;

    public Type Fields => typeof(SaveDraftFields);

    public Task<CommandResult> GiveAsync(Caller caller, string id, ActionInput input, CancellationToken cancellationToken) =>
        HandleAsync(caller, id, new(input.Text), cancellationToken);

    public sealed record Request(string? Text, bool? ToSimplified = null);

    public sealed record Saved(int Version, string Download);

    public async Task<CommandResult> HandleAsync(Caller caller, string id, Request request, CancellationToken cancellationToken)
    {
        var user = caller.Person;
        var (requestId, keyProblem) = DecisionPipeline.RequestIdOf(caller);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        var (snapshot, problem) = await decisions.LoadAsync(user, id, cancellationToken);
        if (snapshot is null)
        {
            return problem!;
        }

        var refusal = DecisionCatalog.SaveDraft.Check(user.ToActor(), snapshot);
        if (refusal is { NotNow: false })
        {
            return Problems.Forbidden(refusal.Message);
        }

        var errors = new FieldErrors();
        // A reply runs longer than the proposal it answers.
        var (clean, original) = TextInput.Clean(request.Text, request.ToSimplified == true);
        var text = errors.Text("text", clean, "答复稿", rules.Value.MaxBodyLength * 8);
        if (errors.Any)
        {
            return Problems.Validation(errors);
        }

        if (refusal is not null)
        {
            return Problems.WrongStage(snapshot.Stage, refusal.Message);
        }

        var version = await drafts.SaveAsync(id, user.Name, text, original, caller.IdempotencyKey is null ? null : requestId, cancellationToken);
        var download = $"/api/proposals/{Uri.EscapeDataString(id)}/drafts/{version}";
        return CommandResult.Created(download, new Saved(version, download));
    }
}
