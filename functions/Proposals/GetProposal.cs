using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Replies.Functions.Views;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Functions.Proposals;

/// <summary>
/// GET /api/proposals/{id}: one item with its stage, deadlines, history, drafts, letters and the caller's actions.
/// Just after submission, before the first transition is stored, the item is shown as being recorded.
/// </summary>
public sealed class GetProposal(ProposalStore store, DetailBuilder details)
{
    public sealed record Recording(string Id, string Title, string Status);

    [Function(nameof(GetProposal))]
    [Authorize(Policy = Policies.SignedIn)]
    [EndpointSummary("查看一件建议或提案")]
    [Tags("proposals")]
    [ProducesResponseType<ProposalDetail>(StatusCodes.Status200OK)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/proposals/{id}")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        var user = request.HttpContext.Person()!;
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

        return CommandResult.Ok(await details.BuildAsync(user, snapshot, cancellationToken));
    }

    private static async Task<IResult> RecordingAsync(string id, string personId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        var input = instance?.ReadInputAs<ProposalLifecycleInput>();
        return input is not null && input.Submission.Proposer.PersonId == personId
            ? CommandResult.Ok(new Recording(id, input.Submission.Title, "已提交，正在登记"))
            : Problems.NotFound();
    }
}
