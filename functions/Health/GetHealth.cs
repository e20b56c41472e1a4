using Replies.Workflows.ReadModel;

namespace Replies.Functions.Health;

/// <summary>GET /api/health: whether the host is up, which partitions its worker owns, and how many list rows this instance holds.</summary>
public sealed class GetHealth(IWorkerStatus worker, ItemLists lists)
{
    public sealed record HealthReport(string TaskHub, bool? WorkerRunning, int[] OwnedPartitions, long CachedRows);

    [Function(nameof(GetHealth))]
    [AllowAnonymous]
    [EndpointSummary("运行状态")]
    [Tags("health")]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request, CancellationToken cancellationToken) =>
        CommandResult.Ok(new HealthReport(worker.HubName, worker.IsWorkerRunning, await worker.OwnedPartitionsAsync(cancellationToken), lists.CachedRows));
}
