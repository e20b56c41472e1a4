namespace Replies.Functions.Health;

/// <summary>
/// What the health function can say about the durable worker. In Azure the Durable extension runs inside the Functions
/// host, out of the worker's sight, so only the task hub is known there; the local host, which runs the engine
/// itself, replaces this with what its engine reports.
/// </summary>
public interface IWorkerStatus
{
    string HubName { get; }

    /// <summary>Whether this process runs orchestrations and activities; null when the host does and cannot say.</summary>
    bool? IsWorkerRunning { get; }

    /// <summary>The control-queue partitions this process holds; empty when unknown.</summary>
    Task<int[]> OwnedPartitionsAsync(CancellationToken cancellationToken);
}

/// <summary>The status inside the Functions host: the task hub name from host.json, nothing more.</summary>
internal sealed class FunctionsHostWorkerStatus(IConfiguration configuration) : IWorkerStatus
{
    public string HubName => configuration["extensions:durableTask:hubName"] ?? "Replies";

    public bool? IsWorkerRunning => null;

    public Task<int[]> OwnedPartitionsAsync(CancellationToken cancellationToken) => Task.FromResult(Array.Empty<int>());
}
