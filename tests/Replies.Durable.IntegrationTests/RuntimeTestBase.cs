using Azure.Data.Tables;
using Replies.Durable.AzureStorage;
using Replies.Durable.Worker;
using Replies.Testing;

namespace Replies.Durable.IntegrationTests;

/// <summary>Starts hosts on a fresh task hub and reads the hub's tables for assertions.</summary>
public abstract class RuntimeTestBase(AzuriteFixture azurite) : IAsyncDisposable
{
    private readonly List<DurableTestHost> _hosts = [];

    protected AzuriteFixture Azurite { get; } = azurite;

    protected string Hub { get; } = AzuriteFixture.NewHubName("t");

    protected static CancellationToken Timeout(int seconds = 60) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    protected async Task<DurableTestHost> StartHostAsync(Action<DurableTaskRegistry> register, Action<DurableTaskOptions>? configure = null, TimeProvider? time = null, bool runWorker = true)
    {
        var host = await DurableTestHost.StartAsync(Azurite.ConnectionString, Hub, register, configure, time, runWorker);
        _hosts.Add(host);
        return host;
    }

    protected async Task<List<TableEntity>> HistoryRowsAsync(string instanceId)
    {
        var table = new TableClient(Azurite.ConnectionString, Hub + "History");
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(r => r.PartitionKey == instanceId))
        {
            rows.Add(row);
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
