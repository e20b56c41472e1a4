using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Replies.Functions.Decisions;
using Replies.Functions.Web;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Functions.Handling;

/// <summary>
/// POST /api/proposals/{id}/drafts: the lead department saves a new version of the reply (拟稿). A version is never
/// overwritten, and saving is open whenever the item is with the department, even while it cannot move on.
/// The item page's form gives the same command (<see cref="IItemCommand"/>).
/// </summary>
public sealed class SaveDraft(DecisionPipeline decisions, DraftStore drafts, IOptions<RulesProfile> rules) : IItemCommand
{
    [Function(nameof(SaveDraft))]
    [Authorize(Policy = Policies.DepartmentStaff)]
    [EndpointSummary("保存答复稿新版本")]
    [Tags("handling")]
    [RequestBody(typeof(Request))]
    [ProducesResponseType<Saved>(StatusCodes.Status201Created)]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/drafts")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        ApiCommand.RunAsync<Request>(request, client, (caller, body) => HandleAsync(caller, id, body, cancellationToken), cancellationToken);

    public Decision Decision => DecisionCatalog.SaveDraft;

    public Type Fields => typeof(SaveDraftFields);

    public Task<CommandResult> GiveAsync(Caller caller, string id, FormInput input, CancellationToken cancellationToken) =>
        HandleAsync(caller, id, new(input.Value("Input.Text")), cancellationToken);

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

        var errors = new FieldErrors();
        // A reply runs longer than the proposal it answers.
        var (clean, original) = TextInput.Clean(request.Text, request.ToSimplified == true);
        var text = errors.Text("text", clean, "答复稿", rules.Value.MaxBodyLength * 8);
        if ((await decisions.AdmitAsync(user, id, DecisionCatalog.SaveDraft, errors, cancellationToken)).Problem is { } problem)
        {
            return problem;
        }

        var version = await drafts.SaveAsync(id, user.Name, text, original, caller.IdempotencyKey is null ? null : requestId, cancellationToken);
        var download = $"/api/proposals/{Uri.EscapeDataString(id)}/drafts/{version}";
        return CommandResult.Created(download, new Saved(version, download));
    }
}
