using DurableTask.AzureStorage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Replies.Local.Engine;
using Replies.Workflows.Storage;

namespace Replies.Local.IntegrationTests;

/// <summary>host.json in the Durable Functions schema becomes the framework's settings.</summary>
public sealed class EngineOptionsTests
{
    [Fact]
    public void The_repository_host_json_sets_the_task_hub_the_way_Durable_Functions_reads_it()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "host.json")).Build();
        var durable = configuration.GetSection("extensions:durableTask");
        var options = new EngineOptions().BindHostJson(configuration);

        var settings = options.ToSettings(StorageAccount.FromConnectionString("UseDevelopmentStorage=true"), NullLoggerFactory.Instance);

        Assert.Equal(durable["hubName"], settings.TaskHubName);
        Assert.Equal(int.Parse(durable["storageProvider:partitionCount"]!, System.Globalization.CultureInfo.InvariantCulture), settings.PartitionCount);
        Assert.Equal(int.Parse(durable["storageProvider:controlQueueBatchSize"]!, System.Globalization.CultureInfo.InvariantCulture), settings.ControlQueueBatchSize);
        Assert.Equal(TimeSpan.Parse(durable["storageProvider:maxQueuePollingInterval"]!, System.Globalization.CultureInfo.InvariantCulture), settings.MaxQueuePollingInterval);
        Assert.Equal(int.Parse(durable["maxConcurrentActivityFunctions"]!, System.Globalization.CultureInfo.InvariantCulture), settings.MaxConcurrentTaskActivityWorkItems);
        Assert.Equal(int.Parse(durable["maxConcurrentOrchestratorFunctions"]!, System.Globalization.CultureInfo.InvariantCulture), settings.MaxConcurrentTaskOrchestrationWorkItems);
        Assert.Equal(bool.Parse(durable["extendedSessionsEnabled"]!), settings.ExtendedSessionsEnabled);
        Assert.True(settings.PartitionTableOperationTimeout >= TimeSpan.FromSeconds(10), "an emulator under load needs longer than the framework's 2 s");
        Assert.True(settings.ThrowExceptionOnInvalidDedupeStatus);
    }

    [Fact]
    public void Settings_missing_from_host_json_keep_their_defaults_and_identity_based_storage_uses_the_account_endpoints()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["extensions:durableTask:hubName"] = "Other" }).Build();
        var options = new EngineOptions().BindHostJson(configuration);
        var account = StorageAccount.FromUris(new Uri("https://acct.blob.core.chinacloudapi.cn"), new Uri("https://acct.queue.core.chinacloudapi.cn"), new Uri("https://acct.table.core.chinacloudapi.cn"), Azure.Core.DelegatedTokenCredential.Create((_, _) => new Azure.Core.AccessToken("test", DateTimeOffset.MaxValue)));

        var settings = options.ToSettings(account, NullLoggerFactory.Instance);

        Assert.Equal("Other", settings.TaskHubName);
        Assert.Equal(new EngineOptions().PartitionCount, settings.PartitionCount);
        Assert.Equal("acct.blob.core.chinacloudapi.cn", settings.StorageAccountClientProvider!.Blob.CreateClient(new Azure.Storage.Blobs.BlobClientOptions()).Uri.Host);
    }
}
