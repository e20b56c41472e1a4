using Replies.Functions.Health;
using Replies.Local.Engine;

namespace Replies.Local.Hosting;

/// <summary>What the local engine says about its worker, for the health function.</summary>
internal sealed class EngineWorkerStatus(DurableEngine engine) : IWorkerStatus
{
    public string HubName => engine.HubName;

    public bool? IsWorkerRunning => engine.IsWorkerRunning;

    public Task<int[]> OwnedPartitionsAsync(CancellationToken cancellationToken) => engine.OwnedPartitionsAsync(cancellationToken);
}
