using Replies.Durable;
using Replies.Durable.Worker;

namespace Replies.Functions;

/// <summary>GET /api/health: whether the host is up and which partitions its durable worker owns.</summary>
internal static class GetHealth
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", (DurableTaskClient client, DurableTaskWorker worker) =>
                TypedResults.Ok(new HealthReport(client.Name, worker.OwnedPartitions.Order().ToArray())))
            .WithName(nameof(GetHealth))
            .WithSummary("Host and durable worker status");
        return app;
    }

    internal sealed record HealthReport(string TaskHub, int[] OwnedPartitions);
}
