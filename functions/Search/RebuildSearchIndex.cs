using Microsoft.AspNetCore.Mvc;
using Replies.Workflows.Search;

namespace Replies.Functions.Search;

/// <summary>
/// POST /api/admin/search/rebuild: an administrator has the shared search indexes built again from storage (after a
/// change to how text is analysed, say). Whichever instance writes the index takes the request at its next pass and
/// publishes the new index under a new lineage; searches answer from the old one until then.
/// </summary>
public sealed class RebuildSearchIndex(IndexStore store)
{
    public sealed record Requested(string Status);

    [Function(nameof(RebuildSearchIndex))]
    [Authorize(Policy = Policies.Administrator)]
    [EndpointSummary("重建全文检索索引")]
    [Tags("search")]
    [ProducesResponseType<Requested>(StatusCodes.Status202Accepted)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/admin/search/rebuild")] HttpRequest request, CancellationToken cancellationToken)
    {
        await store.RequestRebuildAsync(request.HttpContext.Person()!.PersonId, cancellationToken);
        return CommandResult.Accepted(null, new Requested("已提交重建请求，索引将在后台重建。"));
    }
}
