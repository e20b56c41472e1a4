using Microsoft.Extensions.Options;
using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Rules;
using Replies.Workflows.Storage;

namespace Replies.Functions.Handling;

/// <summary>
/// POST /api/proposals/{id}/drafts: the lead department saves a new version of the reply (拟稿). A version is never
/// overwritten, and saving is open whenever the item is with the department, even while it cannot move on.
/// </summary>
internal static class SaveDraft
{
    public sealed record Request(string? Text, bool? ToSimplified = null);

    public sealed record Saved(int Version, string Download);

    public static void Map(IEndpointRouteBuilder api) => api.MapPost("proposals/{id}/drafts", RunAsync)
        .WithName(nameof(SaveDraft)).WithSummary("保存答复稿新版本").WithTags("handling")
        .Accepts<Request>("application/json").Produces<Saved>(StatusCodes.Status201Created).RequireAuthorization(Policies.DepartmentStaff);

    private static async Task<IResult> RunAsync(string id, HttpContext http, CancellationToken cancellationToken)
    {
        var (request, problem) = await RequestBody.ReadAsync<Request>(http.Request, cancellationToken);
        return request is null ? problem! : await ActAsync(id, http, request, cancellationToken);
    }

    /// <summary>Saves a new version; the API and the draft editor both come here.</summary>
    internal static async Task<IResult> ActAsync(string id, HttpContext http, Request request, CancellationToken cancellationToken)
    {
        var decisions = http.RequestServices.GetRequiredService<Decisions>();
        var drafts = http.RequestServices.GetRequiredService<DraftStore>();
        var rules = http.RequestServices.GetRequiredService<IOptions<RulesProfile>>();
        var user = http.Person()!;
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
        var (clean, original) = Proposals.SubmitProposal.Clean(request.Text, request.ToSimplified == true);
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
        return TypedResults.Created(download, new Saved(version, download));
    }
}
