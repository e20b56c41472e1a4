using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Replies.Durable.AzureStorage;

namespace Replies.Durable.Worker;

/// <summary>
/// The hosted worker: takes its share of partitions, runs a listener on each owned control queue and the activity
/// dispatcher, and on shutdown lets running work finish (or hands it back) and releases its leases.
/// </summary>
public sealed partial class DurableTaskWorker : IHostedService, IAsyncDisposable
{
    private readonly TaskHubStorage _storage;
    private readonly ILogger _logger;
    private readonly Func<int, SemaphoreSlim, ControlQueueListener> _listenerFactory;
    private readonly ActivityDispatcher _activities;
    private readonly PartitionLeaseManager _leases;
    private readonly SemaphoreSlim _concurrency;
    private readonly HistoryCache _cache;
    private readonly Dictionary<int, ControlQueueListener> _listeners = [];
    private readonly SemaphoreSlim _listenersGate = new(1, 1);
    private bool _started;

    internal DurableTaskWorker(TaskHubStorage storage, ActivityDispatcher activities, PartitionLeaseManager leases, Func<int, SemaphoreSlim, ControlQueueListener> listenerFactory, HistoryCache cache, ILogger<DurableTaskWorker> logger)
    {
        _cache = cache;
        _storage = storage;
        _activities = activities;
        _leases = leases;
        _listenerFactory = listenerFactory;
        _logger = logger;
        _concurrency = new SemaphoreSlim(storage.Options.MaxConcurrentOrchestrations, storage.Options.MaxConcurrentOrchestrations);
        _leases.Acquired += StartPartitionAsync;
        _leases.Lost += StopPartitionAsync;
    }

    /// <summary>Partitions this worker processes now.</summary>
    public IReadOnlyCollection<int> OwnedPartitions => _leases.OwnedPartitions;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var problems = _storage.Options.Validate().ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Invalid durable task options: " + string.Join(" ", problems));
        }

        await _storage.EnsureCreatedAsync(cancellationToken);
        _activities.Start();
        await _leases.StartAsync(cancellationToken);
        _started = true;
        LogStarted(_storage.Options.HubName, _storage.Options.WorkerId);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_started)
        {
            return;
        }

        _started = false;
        await _leases.DisposeAsync();
        await _activities.DisposeAsync();
        LogStopped(_storage.Options.WorkerId);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    private async Task StartPartitionAsync(int partition)
    {
        await _listenersGate.WaitAsync();
        try
        {
            if (!_listeners.ContainsKey(partition))
            {
                var listener = _listenerFactory(partition, _concurrency);
                _listeners[partition] = listener;
                listener.Start();
            }
        }
        finally
        {
            _listenersGate.Release();
        }
    }

    private async Task StopPartitionAsync(int partition)
    {
        ControlQueueListener? listener;
        await _listenersGate.WaitAsync();
        try
        {
            _listeners.Remove(partition, out listener);
        }
        finally
        {
            _listenersGate.Release();
        }

        if (listener is not null)
        {
            await listener.DisposeAsync();
        }

        // Another worker may write this partition's histories now; cached copies would only cost a conflict.
        _cache.RemoveWhere(id => _storage.PartitionOf(id) == partition);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Durable worker {WorkerId} started on task hub {HubName}")]
    private partial void LogStarted(string hubName, string workerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Durable worker {WorkerId} stopped and released its partitions")]
    private partial void LogStopped(string workerId);
}
