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
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _workerGate = new(1, 1);
    private CancellationTokenSource? _watching;
    private Task? _watch;
    private readonly AzureStorageOrchestrationServiceSettings _settings;
    private TaskHubWorker? _worker;
    private AzureStorageOrchestrationService? _freshService;
    private int _disposed;

    /// <summary>Creates the engine; nothing is contacted until <see cref="StartAsync"/>.</summary>
    public DurableEngine(EngineOptions options, StorageAccount account, EngineTasks tasks, DataConverter converter, IServiceProvider services, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _tasks = tasks;
        _services = services;
        _loggerFactory = loggerFactory;
        var settings = options.ToSettings(account, loggerFactory);
        _settings = settings;
        Service = new AzureStorageOrchestrationService(settings);
        WorkerId = settings.WorkerId;
        _logger = loggerFactory.CreateLogger<DurableEngine>();
        // The partition table doubles as the probe of storage's health: one quick try, no retries.
        var probe = new TableClientOptions();
        probe.Retry.MaxRetries = 0;
        probe.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
        var tables = account.ConnectionString is { } cs ? new TableServiceClient(cs, probe) : new TableServiceClient(account.TableUri, account.Credential, probe);
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

        await StartWorkerAsync(cancellationToken);
        _watching = new CancellationTokenSource();
        _watch = WatchStorageAsync(_watching.Token);
    }

    /// <summary>
    /// Stops the worker and starts a new one on a new orchestration service: partitions are taken again and every queue
    /// read afresh. After storage was unreachable the framework's service can hold work items whose completion failed
    /// as still in progress (it logs "being processed multiple times concurrently" and never finishes them), and a
    /// restart on the same service keeps that state; a new one does not. The client stays on <see cref="Service"/>
    /// (its events then wake the worker at its next poll rather than at once).
    /// </summary>
    public async Task RestartWorkerAsync(CancellationToken cancellationToken = default)
    {
        await _workerGate.WaitAsync(cancellationToken);
        try
        {
            if (Interlocked.Exchange(ref _worker, null) is { } old)
            {
                await old.StopAsync(isForced: true);
                old.Dispose();
            }

            _freshService?.Dispose();
            _freshService = new AzureStorageOrchestrationService(_settings);
            await StartWorkerAsync(cancellationToken, locked: true);
        }
        finally
        {
            _workerGate.Release();
        }
    }

    /// <summary>Lets running work finish, then hands the partitions back so another worker takes them at once.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _watching, null) is { } watching)
        {
            await watching.CancelAsync();
            await (_watch ?? Task.CompletedTask);
            watching.Dispose();
        }

        await _workerGate.WaitAsync(CancellationToken.None);
        try
        {
            if (Interlocked.Exchange(ref _worker, null) is { } worker)
            {
                await worker.StopAsync(isForced: false);
                worker.Dispose();
            }
        }
        finally
        {
            _workerGate.Release();
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

    private async Task StartWorkerAsync(CancellationToken cancellationToken, bool locked = false)
    {
        if (!locked)
        {
            await _workerGate.WaitAsync(cancellationToken);
        }

        try
        {
            var worker = new TaskHubWorker(_freshService ?? Service, _loggerFactory) { ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails };
            _tasks.RegisterWith(worker, _services, _shims);
            await worker.StartAsync().WaitAsync(cancellationToken);
            _worker = worker;
        }
        finally
        {
            if (!locked)
            {
                _workerGate.Release();
            }
        }
    }

    // Probes storage every few seconds; when it answers again after failing, the worker is restarted (see RestartWorkerAsync).
    private async Task WatchStorageAsync(CancellationToken cancellationToken)
    {
        var down = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.StorageProbeInterval, cancellationToken);
                await _partitions.GetEntityIfExistsAsync<TableEntity>("probe", "probe", cancellationToken: cancellationToken);
                if (down)
                {
                    _logger.LogWarning("Storage answers again; restarting the durable worker so no work item stays stuck.");
                    await RestartWorkerAsync(cancellationToken);
                    down = false;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or TimeoutException or OperationCanceledException)
            {
                if (!down)
                {
                    _logger.LogWarning(ex, "Storage cannot be reached; the worker will be restarted when it answers again.");
                }

                down = true;
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Disposed as a hosted service and as a singleton: once is enough.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopAsync(CancellationToken.None);
        Service.Dispose();
        _freshService?.Dispose();
        _workerGate.Dispose();
    }
}
