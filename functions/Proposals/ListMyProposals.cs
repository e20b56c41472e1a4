using Microsoft.AspNetCore.Mvc;
using Replies.Functions.Views;
using Replies.Workflows.Storage;

namespace Replies.Functions.Proposals;

/// <summary>GET /api/me/proposals: the items the caller proposed, co-signed, was invited to co-sign, or was merged into.</summary>
public sealed class ListMyProposals(ProposalCatalog catalog, TimeProvider time)
{
    [Function(nameof(ListMyProposals))]
    [Authorize(Policy = Policies.Proposer)]
    [EndpointSummary("我的建议、提案")]
    [Tags("proposals")]
    [ProducesResponseType<IReadOnlyList<MyItemsView.MyItem>>(StatusCodes.Status200OK)]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/me/proposals")] HttpRequest request) =>
        CommandResult.Ok(MyItemsView.For(request.HttpContext.Person()!.PersonId, catalog, time));
}
