using Microsoft.Extensions.Options;
using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Rules;
using Replies.Workflows.Storage;

namespace Replies.Functions.Handling;

/// <summary>The command behind <see cref="SaveDraft"/>; the API and the item page give it alike.</summary>
public sealed class SaveDraftCommand(Decisions decisions, DraftStore drafts, IOptions<RulesProfile> rules)
{
    public sealed record Request(string? Text, bool? ToSimplified = null);

    public sealed record Saved(int Version, string Download);

    public async Task<CommandResult> HandleAsync(Caller caller, string id, Request request, CancellationToken cancellationToken)
    {
        var user = caller.Person;
        var (snapshot, problem) = await decisions.LoadAsync(user, id, cancellationToken);
        if (snapshot is null)
        {
            return problem!;
        }

        if (!Access.IsLeadStaff(user, snapshot))
        {
            return Problems.Forbidden("只有主办单位可以拟写答复稿。");
        }

        var errors = new FieldErrors();
        // A reply runs longer than the proposal it answers.
        var (clean, original) = TextInput.Clean(request.Text, request.ToSimplified == true);
        var text = errors.Text("text", clean, "答复稿", rules.Value.MaxBodyLength * 8);
        if (errors.Any)
        {
            return Problems.Validation(errors);
        }

        if (snapshot.IsFinal || !ActionStages.Allows(nameof(ContactRecorded), snapshot.Stage))
        {
            return Problems.WrongStage(snapshot.Stage, $"本件当前处于「{Labels.Of(snapshot.Stage)}」阶段，不能再修改答复稿。");
        }

        var version = await drafts.SaveAsync(id, user.Name, text, original, cancellationToken);
        var download = $"/api/proposals/{Uri.EscapeDataString(id)}/drafts/{version}";
        return CommandResult.Created(download, new Saved(version, download));
    }
}
