using Replies.Durable;
using Replies.Durable.Worker;
using Replies.Workflows.Storage;

namespace Replies.Functions.Health;

/// <summary>GET /api/health: whether the host is up, which partitions its worker owns, and whether the catalog is loaded.</summary>
internal static class GetHealth
{
    internal sealed record HealthReport(string TaskHub, bool WorkerRunning, int[] OwnedPartitions, bool CatalogLoaded, int Proposals);

    public static void Map(IEndpointRouteBuilder api) => api.MapGet("health", (DurableTaskClient client, IServiceProvider services, ProposalCatalog catalog) =>
        {
            var worker = services.GetService<DurableTaskWorker>();
            return TypedResults.Ok(new HealthReport(client.Name, worker is not null, worker?.OwnedPartitions.Order().ToArray() ?? [], catalog.IsLoaded, catalog.Count));
        })
        .WithName(nameof(GetHealth)).WithSummary("Host and durable worker status").WithTags("health").AllowAnonymous();
}
