using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Replies.Functions.Views;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Functions.Proposals;

/// <summary>
/// GET /api/proposals/{id}: one item with its stage, deadlines, history, drafts, letters and the caller's actions.
/// Just after submission, before the first transition is stored, the item is shown as 登记中 (<see cref="Registering"/>).
/// </summary>
public sealed class GetProposal(ProposalStore store, DetailBuilder details)
{
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
            return await Registering.ReadAsync(client, user, id, cancellationToken) is { } registering
                ? CommandResult.Ok(registering)
                : Problems.NotFound();
        }

        if (!Access.CanSee(user, snapshot))
        {
            return Problems.NotFound();
        }

        return CommandResult.Ok(await details.BuildAsync(user, snapshot, cancellationToken));
    }
}
