using Azure.Data.Tables;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Replies.Workflows.Storage;

namespace Replies.Local.Engine;

/// <summary>
/// The Durable Task Framework's Azure Storage engine in this process: one orchestration service shared by the worker
/// and the client, so an event raised here wakes this process's poller at once instead of waiting for its next poll.
/// </summary>
public sealed class DurableEngine : IHostedService, IAsyncDisposable
{
    private readonly EngineOptions _options;
    private readonly EngineTasks _tasks;
    private readonly IServiceProvider _services;
    private readonly ILoggerFactory _loggerFactory;
    private readonly DurableTaskShimFactory _shims;
    private readonly TableClient _partitions;
    private TaskHubWorker? _worker;

    /// <summary>Creates the engine; nothing is contacted until <see cref="StartAsync"/>.</summary>
    public DurableEngine(EngineOptions options, StorageAccount account, EngineTasks tasks, DataConverter converter, IServiceProvider services, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _tasks = tasks;
        _services = services;
        _loggerFactory = loggerFactory;
        var settings = options.ToSettings(account, loggerFactory);
        Service = new AzureStorageOrchestrationService(settings);
        WorkerId = settings.WorkerId;
        var tables = account.ConnectionString is { } cs ? new TableServiceClient(cs) : new TableServiceClient(account.TableUri, account.Credential);
        _partitions = tables.GetTableClient(options.HubName + "Partitions");
        _shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = converter }, loggerFactory);
        Client = new EngineClient(Service, converter, options.HubName);
    }

    /// <summary>The orchestration service (queues, history, instances, partitions).</summary>
    public AzureStorageOrchestrationService Service { get; }

    /// <summary>The client over <see cref="Service"/>.</summary>
    public EngineClient Client { get; }

    /// <summary>This worker's name in the partition table.</summary>
    public string WorkerId { get; }

    /// <summary>The task hub's name.</summary>
    public string HubName => _options.HubName;

    /// <summary>Whether the worker is running in this process.</summary>
    public bool IsWorkerRunning => _worker is not null;

    /// <summary>Creates the task hub if needed and, unless this is a client-only instance, starts the worker.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Service.CreateIfNotExistsAsync().WaitAsync(cancellationToken);
        if (!_options.RunWorker)
        {
            return;
        }

        var worker = new TaskHubWorker(Service, _loggerFactory) { ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails };
        _tasks.RegisterWith(worker, _services, _shims);
        await worker.StartAsync().WaitAsync(cancellationToken);
        _worker = worker;
    }

    /// <summary>Lets running work finish, then hands the partitions back so another worker takes them at once.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _worker, null) is { } worker)
        {
            await worker.StopAsync(isForced: false);
            worker.Dispose();
        }
    }

    /// <summary>The control queues (partitions) this worker owns now, by number, read from the partition table.</summary>
    public async Task<int[]> OwnedPartitionsAsync(CancellationToken cancellationToken = default)
    {
        if (_worker is null || !_options.UseTablePartitionManagement)
        {
            return [];
        }

        var owned = new List<int>();
        await foreach (var row in _partitions.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            if (row.GetString("CurrentOwner") == WorkerId && int.TryParse(row.RowKey.AsSpan(row.RowKey.LastIndexOf('-') + 1), System.Globalization.CultureInfo.InvariantCulture, out var n))
            {
                owned.Add(n);
            }
        }

        owned.Sort();
        return [.. owned];
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        Service.Dispose();
    }
}
