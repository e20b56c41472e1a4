using Microsoft.DurableTask.Client;
using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Functions.Views;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Functions.Proposals;

/// <summary>
/// GET /api/proposals/{id}: one item with its stage, deadlines, history, drafts, letters and the caller's actions.
/// Just after submission, before the first transition is stored, the item is shown as being recorded.
/// </summary>
internal static class GetProposal
{
    public sealed record Recording(string Id, string Title, string Status);

    public static void Map(IEndpointRouteBuilder api) => api.MapGet("proposals/{id}", RunAsync)
        .WithName(nameof(GetProposal)).WithSummary("查看一件建议或提案").WithTags("proposals")
        .Produces<ProposalDetail>().RequireAuthorization(Policies.SignedIn);

    private static async Task<IResult> RunAsync(string id, HttpContext http, ProposalStore store, ProposalCatalog catalog, DetailBuilder details, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var user = http.Person()!;
        if (!ProposalIds.IsWellFormed(id))
        {
            return Problems.NotFound();
        }

        var snapshot = await store.GetAsync(id, cancellationToken);
        if (snapshot is null)
        {
            return await RecordingAsync(id, user.PersonId, client, cancellationToken);
        }

        if (!Access.CanSee(user, snapshot))
        {
            return Problems.NotFound();
        }

        catalog.Apply(snapshot);
        return TypedResults.Ok(await details.BuildAsync(user, snapshot, cancellationToken));
    }

    private static async Task<IResult> RecordingAsync(string id, string personId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        var input = instance?.ReadInputAs<ProposalLifecycleInput>();
        return input is not null && input.Submission.Proposer.PersonId == personId
            ? TypedResults.Ok(new Recording(id, input.Submission.Title, "已提交，正在登记"))
            : Problems.NotFound();
    }
}

/// <summary>What a proposal id may look like before it is used as an instance id.</summary>
internal static class ProposalIds
{
    public static bool IsWellFormed(string id) =>
        id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
