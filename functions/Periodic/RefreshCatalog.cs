using Replies.Workflows.Directory;
using Replies.Workflows.Storage;

namespace Replies.Functions.Periodic;

/// <summary>
/// Brings this instance's catalog and directory up to date with what other instances stored (schedule
/// <c>Replies:Schedules:CatalogRefresh</c>); the search index follows the catalog's changes.
/// </summary>
public sealed class RefreshCatalog(ProposalCatalog catalog, DirectoryStore directory)
{
    [Function(nameof(RefreshCatalog))]
    public async Task RunAsync([TimerTrigger("%Replies:Schedules:CatalogRefresh%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        // The directory is small; reading it each round brings in what administrators changed on other instances.
        await directory.LoadAsync(force: true, cancellationToken: cancellationToken);
        await catalog.RefreshAsync(cancellationToken: cancellationToken);
    }
}
