using Microsoft.Extensions.Options;
using Replies.Workflows.Directory;
using Replies.Workflows.Storage;

namespace Replies.Functions.Startup;

/// <summary>Loads the directory and the proposal catalog at start, then keeps the catalog current with what other instances store.</summary>
internal sealed class CatalogRefresher(ProposalCatalog catalog, DirectoryStore directory, IOptions<ApiOptions> options, TimeProvider time, ILogger<CatalogRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromSeconds(options.Value.CatalogRefreshSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // The directory is small; reading it each round brings in what administrators changed on other instances.
                await directory.LoadAsync(force: true, cancellationToken: stoppingToken);
                await catalog.RefreshAsync(cancellationToken: stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Catalog refresh failed; retrying in {Period}.", period);
            }

            try
            {
                await Task.Delay(period, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
