using Microsoft.AspNetCore.Mvc;
using Replies.Functions.Views;
using Replies.Workflows.ReadModel;
using Replies.Workflows.Storage;

namespace Replies.Functions.Proposals;

/// <summary>GET /api/me/proposals: the items the caller proposed, co-signed, was invited to co-sign, or was merged into.</summary>
public sealed class ListMyProposals(ItemLists lists, TimeProvider time)
{
    [Function(nameof(ListMyProposals))]
    [Authorize(Policy = Policies.Proposer)]
    [EndpointSummary("我的建议、提案")]
    [Tags("proposals")]
    [ProducesResponseType<IReadOnlyList<MyItemsView.MyItem>>(StatusCodes.Status200OK)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/me/proposals")] HttpRequest request, CancellationToken cancellationToken) =>
        CommandResult.Ok(await MyItemsView.ForAsync(request.HttpContext.Person()!.PersonId, lists, time, cancellationToken));
}
