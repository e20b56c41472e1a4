using Replies.Local.Engine;
using Replies.Workflows.Storage;

namespace Replies.Functions.Health;

/// <summary>GET /api/health: whether the host is up, which partitions its worker owns, and whether the catalog is loaded.</summary>
internal static class GetHealth
{
    internal sealed record HealthReport(string TaskHub, bool WorkerRunning, int[] OwnedPartitions, bool CatalogLoaded, int Proposals);

    public static void Map(IEndpointRouteBuilder api) => api.MapGet("health", async (DurableEngine engine, ProposalCatalog catalog, CancellationToken cancellationToken) =>
            TypedResults.Ok(new HealthReport(engine.HubName, engine.IsWorkerRunning, await engine.OwnedPartitionsAsync(cancellationToken), catalog.IsLoaded, catalog.Count)))
        .WithName(nameof(GetHealth)).WithSummary("Host and durable worker status").WithTags("health").AllowAnonymous();
}
