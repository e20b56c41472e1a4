using Azure;
using Azure.Data.Tables;

namespace Replies.Functions.IntegrationTests;

/// <summary>
/// The fault proxy in front of Azurite forwards every service whole (a lifecycle through the app and the engine, with
/// blobs, queues and table batches) and, enabled, fails requests the ways it says: a lost answer leaves the write
/// applied, so the client's retry meets it. Its own Azurite, so it runs beside the other classes.
/// </summary>
public sealed class FaultProxyTests : IAsyncLifetime
{
    private AzuriteInstance _azurite = null!;
    private FaultyAccount _account = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync();
        _account = await FaultyAccount.StartAsync(_azurite);
    }

    public async Task DisposeAsync()
    {
        await _account.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task A_lifecycle_runs_through_the_proxy_and_every_service_passes_it()
    {
        await using var host = await ApiHost.StartAsync(_account.ConnectionString);
        var id = await host.DriveToDraftingAsync();
        await host.DriveToReplyAsync(id);
        await host.WaitForAsync(id, s => s.Stage == Workflows.ProposalStage.AwaitingFeedback);
        Assert.All(_account.Proxies, p => Assert.True(p.Counts.Requests > 0));
    }

    [Fact]
    public async Task A_lost_answer_leaves_the_write_applied_and_a_503_is_retried_by_the_client()
    {
        var table = new TableServiceClient(_account.ConnectionString, new TableClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(5) } }).GetTableClient("proxycheck");
        await table.CreateIfNotExistsAsync();
        await using var lossy = await FaultProxy.StartAsync(_azurite.TablePort, 1, 24, ProxyFault.AnswerLost);
        lossy.Enabled = true;
        var throughLossy = new TableServiceClient(FaultProxy.ConnectionString(_account.Blobs, _account.Queues, lossy), new TableClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(5) } }).GetTableClient("proxycheck");
        await Assert.ThrowsAnyAsync<Exception>(() => throughLossy.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 }));
        Assert.Equal(1, (await table.GetEntityAsync<TableEntity>("p", "r")).Value.GetInt32("V"));
        Assert.Equal(409, (await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r")))).Status);

        await using var flaky = await FaultProxy.StartAsync(_azurite.TablePort, 1, 24, ProxyFault.Unavailable);
        flaky.Enabled = true;
        var throughFlaky = new TableServiceClient(FaultProxy.ConnectionString(_account.Blobs, _account.Queues, flaky), new TableClientOptions { Retry = { MaxRetries = 2, Delay = TimeSpan.FromMilliseconds(10) } }).GetTableClient("proxycheck");
        Assert.Equal(503, (await Assert.ThrowsAsync<RequestFailedException>(() => throughFlaky.GetEntityAsync<TableEntity>("p", "r"))).Status);
        Assert.Equal(3, flaky.Counts.Faults[ProxyFault.Unavailable]);
    }
}
