using Replies.Workflows.Storage;

namespace Replies.Functions.Health;

/// <summary>GET /api/health: whether the host is up, which partitions its worker owns, and whether the catalog is loaded.</summary>
public sealed class GetHealth(IWorkerStatus worker, ProposalCatalog catalog)
{
    public sealed record HealthReport(string TaskHub, bool? WorkerRunning, int[] OwnedPartitions, bool CatalogLoaded, int Proposals);

    [Function(nameof(GetHealth))]
    [AllowAnonymous]
    [EndpointSummary("运行状态")]
    [Tags("health")]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request, CancellationToken cancellationToken) =>
        CommandResult.Ok(new HealthReport(worker.HubName, worker.IsWorkerRunning, await worker.OwnedPartitionsAsync(cancellationToken), catalog.IsLoaded, catalog.Count));
}
