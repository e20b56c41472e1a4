using System.Text;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Replies.Durable.AzureStorage;

/// <summary>The clients and names of one task hub's tables, queues and containers.</summary>
public sealed class TaskHubStorage
{
    private readonly object _createGate = new();
    private Task? _creation;

    /// <summary>Creates the clients; <paramref name="configureClientOptions"/> may add pipeline policies (for example request counting).</summary>
    public TaskHubStorage(StorageAccount account, DurableTaskOptions options, Action<ClientOptions>? configureClientOptions = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        var hub = options.HubName;
        var lower = hub.ToLowerInvariant();

        var tableOptions = new TableClientOptions();
        var queueOptions = new QueueClientOptions();
        var blobOptions = new BlobClientOptions();
        foreach (ClientOptions o in new ClientOptions[] { tableOptions, queueOptions, blobOptions })
        {
            configureClientOptions?.Invoke(o);
        }

        TableServiceClient tables;
        QueueServiceClient queues;
        BlobServiceClient blobs;
        if (account.ConnectionString is { } cs)
        {
            tables = new TableServiceClient(cs, tableOptions);
            queues = new QueueServiceClient(cs, queueOptions);
            blobs = new BlobServiceClient(cs, blobOptions);
        }
        else
        {
            tables = new TableServiceClient(account.TableUri!, account.Credential!, tableOptions);
            queues = new QueueServiceClient(account.QueueUri!, account.Credential!, queueOptions);
            blobs = new BlobServiceClient(account.BlobUri!, account.Credential!, blobOptions);
        }

        Instances = tables.GetTableClient($"{hub}Instances");
        History = tables.GetTableClient($"{hub}History");
        ControlQueues = Enumerable.Range(0, options.PartitionCount).Select(i => queues.GetQueueClient($"{lower}-control-{i:D2}")).ToArray();
        WorkItems = queues.GetQueueClient($"{lower}-workitems");
        Leases = blobs.GetBlobContainerClient($"{lower}-leases");
        LargeMessages = blobs.GetBlobContainerClient($"{lower}-largemessages");
    }

    /// <summary>The options in force.</summary>
    public DurableTaskOptions Options { get; }

    /// <summary>One row per instance.</summary>
    public TableClient Instances { get; }

    /// <summary>The event-sourced histories.</summary>
    public TableClient History { get; }

    /// <summary>The partitioned control queues.</summary>
    public IReadOnlyList<QueueClient> ControlQueues { get; }

    /// <summary>The activity work-item queue.</summary>
    public QueueClient WorkItems { get; }

    /// <summary>Partition lease blobs and worker heartbeats.</summary>
    public BlobContainerClient Leases { get; }

    /// <summary>Payloads too large for a queue message or a table property.</summary>
    public BlobContainerClient LargeMessages { get; }

    /// <summary>The partition of an instance: a stable FNV-1a hash of its id.</summary>
    public int PartitionOf(string instanceId) => PartitionOf(instanceId, ControlQueues.Count);

    /// <summary>The partition of an instance for a given partition count.</summary>
    public static int PartitionOf(string instanceId, int partitionCount)
    {
        uint hash = 2166136261;
        foreach (var b in Encoding.UTF8.GetBytes(instanceId))
        {
            hash = (hash ^ b) * 16777619;
        }

        return (int)(hash % (uint)partitionCount);
    }

    /// <summary>The control queue of an instance.</summary>
    public QueueClient ControlQueueFor(string instanceId) => ControlQueues[PartitionOf(instanceId)];

    /// <summary>Creates every table, queue and container of the hub once per process.</summary>
    public Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        lock (_createGate)
        {
            if (_creation is null || _creation.IsFaulted || _creation.IsCanceled)
            {
                _creation = CreateAllAsync(cancellationToken);
            }

            return _creation;
        }
    }

    private async Task CreateAllAsync(CancellationToken cancellationToken)
    {
        var work = new List<Task>
        {
            Instances.CreateIfNotExistsAsync(cancellationToken),
            History.CreateIfNotExistsAsync(cancellationToken),
            WorkItems.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            Leases.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            LargeMessages.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
        };
        work.AddRange(ControlQueues.Select(q => (Task)q.CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        await Task.WhenAll(work);
    }
}
