using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Replies.Workflows.Storage;

namespace Replies.Local.Engine;

/// <summary>
/// The task hub's settings, read from the <c>extensions:durableTask</c> section of host.json in the Durable Functions
/// schema, so the task hub this host creates on Azurite has the names and layout the Durable extension creates in Azure.
/// </summary>
public sealed class EngineOptions
{
    /// <summary>The task hub (<c>hubName</c>).</summary>
    public string HubName { get; set; } = "Replies";

    /// <summary>Control queues (<c>storageProvider.partitionCount</c>).</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>Messages fetched from a control queue at once (<c>storageProvider.controlQueueBatchSize</c>).</summary>
    public int ControlQueueBatchSize { get; set; } = 32;

    /// <summary>Messages buffered per partition (<c>storageProvider.controlQueueBufferThreshold</c>).</summary>
    public int ControlQueueBufferThreshold { get; set; } = 128;

    /// <summary>How long a taken control message stays invisible (<c>storageProvider.controlQueueVisibilityTimeout</c>).</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a taken activity message stays invisible (<c>storageProvider.workItemQueueVisibilityTimeout</c>).</summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest wait between polls of an idle queue (<c>storageProvider.maxQueuePollingInterval</c>).</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Partition ownership kept in a table rather than blob leases (<c>storageProvider.useTablePartitionManagement</c>).</summary>
    public bool UseTablePartitionManagement { get; set; } = true;

    /// <summary>
    /// How long one read-and-write of the partition table may take (<c>storageProvider.partitionTableOperationTimeout</c>).
    /// The framework's 2 s is too short for an emulator that serves every request from one thread under load.
    /// </summary>
    public TimeSpan PartitionTableOperationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Orchestrations kept in memory between episodes (<c>extendedSessionsEnabled</c>).</summary>
    public bool ExtendedSessionsEnabled { get; set; }

    /// <summary>How long an extended session waits for its next message (<c>extendedSessionIdleTimeoutInSeconds</c>).</summary>
    public TimeSpan ExtendedSessionIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Activities run at once (<c>maxConcurrentActivityFunctions</c>).</summary>
    public int MaxConcurrentActivities { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>Orchestration episodes run at once (<c>maxConcurrentOrchestratorFunctions</c>).</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>How long a partition lease lasts; tests shorten it so a killed worker's partitions move quickly.</summary>
    public TimeSpan? LeaseInterval { get; set; }

    /// <summary>How often a partition lease is renewed.</summary>
    public TimeSpan? LeaseRenewInterval { get; set; }

    /// <summary>How often free or expired partitions are looked for.</summary>
    public TimeSpan? LeaseAcquireInterval { get; set; }

    /// <summary>This worker's name in the partition table; by default the machine and process.</summary>
    public string? WorkerId { get; set; }

    /// <summary>Whether this process runs orchestrations and activities (false: an API-only instance, client only).</summary>
    public bool RunWorker { get; set; } = true;

    /// <summary>
    /// Connections the engine opens to each storage endpoint. Unbounded, a burst of hundreds of concurrent requests
    /// opens as many connections at once; past the server's listen backlog (511 for Azurite's Node server) connection
    /// attempts are dropped and retried by TCP after 1, 3, 7, 15, 31 s: every table request then waits up to a
    /// minute, partition leases lapse and the engine stalls. Requests beyond the pool wait their turn in the client.
    /// </summary>
    public int MaxConnectionsPerEndpoint { get; set; } = 64;

    /// <summary>How often the worker probes storage, to restart itself once an outage ends.</summary>
    public TimeSpan StorageProbeInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Adjusts the storage clients' options (retries, a request counter, fault injection) before they are made.</summary>
    public Action<ClientOptions>? ConfigureStorageClients { get; set; }

    /// <summary>Reads the settings present in host.json's <c>extensions:durableTask</c>; others keep their values.</summary>
    public EngineOptions BindHostJson(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var o = this;
        var durable = configuration.GetSection("extensions:durableTask");
        var storage = durable.GetSection("storageProvider");
        Set(durable["hubName"], v => o.HubName = v);
        Set(durable["maxConcurrentActivityFunctions"], v => o.MaxConcurrentActivities = Int(v));
        Set(durable["maxConcurrentOrchestratorFunctions"], v => o.MaxConcurrentOrchestrations = Int(v));
        Set(durable["extendedSessionsEnabled"], v => o.ExtendedSessionsEnabled = bool.Parse(v));
        Set(durable["extendedSessionIdleTimeoutInSeconds"], v => o.ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(Int(v)));
        Set(storage["partitionCount"], v => o.PartitionCount = Int(v));
        Set(storage["controlQueueBatchSize"], v => o.ControlQueueBatchSize = Int(v));
        Set(storage["controlQueueBufferThreshold"], v => o.ControlQueueBufferThreshold = Int(v));
        Set(storage["controlQueueVisibilityTimeout"], v => o.ControlQueueVisibilityTimeout = Span(v));
        Set(storage["workItemQueueVisibilityTimeout"], v => o.WorkItemQueueVisibilityTimeout = Span(v));
        Set(storage["maxQueuePollingInterval"], v => o.MaxQueuePollingInterval = Span(v));
        Set(storage["useTablePartitionManagement"], v => o.UseTablePartitionManagement = bool.Parse(v));
        Set(storage["partitionTableOperationTimeout"], v => o.PartitionTableOperationTimeout = Span(v));
        return o;
    }

    /// <summary>The framework's settings for these options over <paramref name="account"/>.</summary>
    internal AzureStorageOrchestrationServiceSettings ToSettings(StorageAccount account, ILoggerFactory loggerFactory)
    {
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = HubName,
            StorageAccountClientProvider = ClientProvider(account),
            PartitionCount = PartitionCount,
            ControlQueueBatchSize = ControlQueueBatchSize,
            ControlQueueBufferThreshold = ControlQueueBufferThreshold,
            ControlQueueVisibilityTimeout = ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = WorkItemQueueVisibilityTimeout,
            MaxQueuePollingInterval = MaxQueuePollingInterval,
            UseTablePartitionManagement = UseTablePartitionManagement,
            PartitionTableOperationTimeout = PartitionTableOperationTimeout,
            ExtendedSessionsEnabled = ExtendedSessionsEnabled,
            ExtendedSessionIdleTimeout = ExtendedSessionIdleTimeout,
            MaxConcurrentTaskActivityWorkItems = MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = MaxConcurrentOrchestrations,
            // A second start of an id that is still running is refused, as Durable Functions refuses it.
            ThrowExceptionOnInvalidDedupeStatus = true,
            LoggerFactory = loggerFactory,
        };
        if (WorkerId is { } worker)
        {
            settings.WorkerId = worker;
        }

        if (LeaseInterval is { } lease)
        {
            settings.LeaseInterval = lease;
        }

        if (LeaseRenewInterval is { } renew)
        {
            settings.LeaseRenewInterval = renew;
        }

        if (LeaseAcquireInterval is { } acquire)
        {
            settings.LeaseAcquireInterval = acquire;
        }

        return settings;
    }

    private StorageAccountClientProvider ClientProvider(StorageAccount account)
    {
        var transport = new HttpClientTransport(new SocketsHttpHandler { MaxConnectionsPerServer = MaxConnectionsPerEndpoint, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1) });
        var blob = account.Options(new BlobClientOptions { Transport = transport });
        var queue = account.Options(new QueueClientOptions { Transport = transport });
        var table = account.Options(new TableClientOptions { Transport = transport });
        ConfigureStorageClients?.Invoke(blob);
        ConfigureStorageClients?.Invoke(queue);
        ConfigureStorageClients?.Invoke(table);
        return account.ConnectionString is { } cs
            ? new StorageAccountClientProvider(StorageServiceClientProvider.ForBlob(cs, blob), StorageServiceClientProvider.ForQueue(cs, queue), StorageServiceClientProvider.ForTable(cs, table))
            : new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(account.BlobUri!, account.Credential!, blob),
                StorageServiceClientProvider.ForQueue(account.QueueUri!, account.Credential!, queue),
                StorageServiceClientProvider.ForTable(account.TableUri!, account.Credential!, table));
    }

    private static void Set(string? value, Action<string> apply)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            apply(value);
        }
    }

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);

    private static TimeSpan Span(string value) => TimeSpan.Parse(value, CultureInfo.InvariantCulture);
}
