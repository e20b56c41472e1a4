namespace Replies.Testing;

/// <summary>
/// A <see cref="FaultProxy"/> in front of each of an Azurite's three services (seeded apart), and the connection
/// string that sends every client through them.
/// </summary>
public sealed class FaultyAccount : IAsyncDisposable
{
    private FaultyAccount(FaultProxy blobs, FaultProxy queues, FaultProxy tables)
    {
        Blobs = blobs;
        Queues = queues;
        Tables = tables;
    }

    public FaultProxy Blobs { get; }

    public FaultProxy Queues { get; }

    public FaultProxy Tables { get; }

    public IReadOnlyList<FaultProxy> Proxies => [Blobs, Queues, Tables];

    public string ConnectionString => FaultProxy.ConnectionString(Blobs, Queues, Tables);

    /// <summary>Whether the three proxies inject faults now.</summary>
    public bool Enabled
    {
        set
        {
            foreach (var proxy in Proxies)
            {
                proxy.Enabled = value;
            }
        }
    }

    public static async Task<FaultyAccount> StartAsync(AzuriteInstance azurite, double rate = 0, int seed = 24, params ProxyFault[] kinds)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        return new FaultyAccount(
            await FaultProxy.StartAsync(azurite.BlobPort, rate, seed, kinds),
            await FaultProxy.StartAsync(azurite.QueuePort, rate, seed + 1, kinds),
            await FaultProxy.StartAsync(azurite.TablePort, rate, seed + 2, kinds));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var proxy in Proxies)
        {
            await proxy.DisposeAsync();
        }
    }
}
