using Azure;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Replies.Durable.AzureStorage;
using Replies.Durable.History;

namespace Replies.Durable.Worker;

/// <summary>
/// Reads one owned control queue and runs episodes: messages are grouped by instance, an instance runs one episode at
/// a time, and messages that arrive for a busy instance wait in memory for its next episode.
/// </summary>
internal sealed partial class ControlQueueListener : IAsyncDisposable
{
    private readonly int _partition;
    private readonly QueueClient _queue;
    private readonly DurableTaskOptions _options;
    private readonly MessageCodec _codec;
    private readonly MessageSender _sender;
    private readonly OrchestrationEpisodeRunner _runner;
    private readonly SemaphoreSlim _concurrency;
    private readonly LocalSignals _signals;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly AsyncSignal _wake = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private readonly Dictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly List<Task> _running = [];
    private Task? _loop;
    private int _inMemory;

    public ControlQueueListener(int partition, TaskHubStorage storage, MessageCodec codec, MessageSender sender, OrchestrationEpisodeRunner runner, SemaphoreSlim concurrency, LocalSignals signals, TimeProvider time, ILogger logger)
    {
        _partition = partition;
        _queue = storage.ControlQueues[partition];
        _options = storage.Options;
        _codec = codec;
        _sender = sender;
        _runner = runner;
        _concurrency = concurrency;
        _signals = signals;
        _time = time;
        _logger = logger;
    }

    public int Partition => _partition;

    public void Start()
    {
        _signals.RegisterPartition(_partition, _wake);
        _loop = Task.Run(() => PollAsync(_stop.Token));
    }

    public async ValueTask DisposeAsync()
    {
        _signals.UnregisterPartition(_partition, _wake);
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        Task[] running;
        lock (_gate)
        {
            running = [.. _running];
        }

        // Let running episodes finish; what they have not consumed becomes visible again for the next owner.
        await Task.WhenAll(running).WaitAsync(_options.ShutdownTimeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task PollAsync(CancellationToken ct)
    {
        var backoff = new PollingBackoff(_options.MinPollingInterval, _options.MaxPollingInterval);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (Volatile.Read(ref _inMemory) >= _options.MaxConcurrentOrchestrations * 4)
                {
                    await _wake.WaitAsync(TimeSpan.FromMilliseconds(50), ct);
                    continue;
                }

                var response = await _queue.ReceiveMessagesAsync(_options.ControlQueueBatchSize, _options.ControlQueueVisibilityTimeout, ct);
                if (response.Value.Length == 0)
                {
                    await _wake.WaitAsync(backoff.Next(), ct);
                    continue;
                }

                backoff.Reset();
                foreach (var qm in response.Value)
                {
                    await AcceptAsync(qm, ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is RequestFailedException or IOException or InvalidDataException or System.Text.Json.JsonException)
            {
                LogPollFailed(ex, _partition);
                await Task.Delay(_options.MaxPollingInterval, _time, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task AcceptAsync(Azure.Storage.Queues.Models.QueueMessage qm, CancellationToken ct)
    {
        TaskMessage message;
        try
        {
            message = await _codec.DecodeAsync(qm.Body.ToString(), ct);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidDataException or RequestFailedException)
        {
            // Not ours or unreadable: keep it out of the way for good rather than looping on it.
            LogUnreadable(ex, qm.MessageId, _partition);
            await _queue.DeleteMessageAsync(qm.MessageId, qm.PopReceipt, ct);
            return;
        }

        var delay = _sender.DelayUntil(message.NotBefore);
        if (delay > TimeSpan.Zero)
        {
            // A timer or scheduled start further away than a queue can hide a message: hide it again.
            await _queue.UpdateMessageAsync(qm.MessageId, qm.PopReceipt, visibilityTimeout: delay, cancellationToken: ct);
            return;
        }

        if (message.Event is TimerFired)
        {
            message = message with { NotBefore = null };
        }

        var received = new ReceivedMessage(message, qm.MessageId, qm.PopReceipt, qm.DequeueCount);
        lock (_gate)
        {
            if (!_sessions.TryGetValue(message.InstanceId, out var session))
            {
                session = new Session();
                _sessions[message.InstanceId] = session;
            }

            var existing = session.Pending.FindIndex(p => p.QueueMessageId == qm.MessageId);
            if (existing >= 0)
            {
                // Seen again because it waited longer than its visibility timeout: only the new receipt is valid.
                session.Pending[existing].PopReceipt = qm.PopReceipt;
                return;
            }

            session.Pending.Add(received);
            Interlocked.Increment(ref _inMemory);
            if (!session.Running)
            {
                session.Running = true;
                var task = Task.Run(() => RunSessionAsync(message.InstanceId, session), CancellationToken.None);
                _running.Add(task);
                _ = task.ContinueWith(t => { lock (_gate) { _running.Remove(t); } }, TaskScheduler.Default);
            }
        }
    }

    private async Task RunSessionAsync(string instanceId, Session session)
    {
        while (true)
        {
            List<ReceivedMessage> batch;
            lock (_gate)
            {
                batch = [.. session.Pending];
                session.Pending.Clear();
                if (batch.Count == 0 || _stop.IsCancellationRequested)
                {
                    session.Running = false;
                    _sessions.Remove(instanceId);
                }
            }

            if (!session.Running)
            {
                // Shutting down: hand what was not started back to the queue for the next owner at once.
                await AbandonAsync(batch, TimeSpan.Zero);
                Interlocked.Add(ref _inMemory, -batch.Count);
                return;
            }

            await _concurrency.WaitAsync(CancellationToken.None);
            try
            {
                await _runner.RunAsync(instanceId, batch, CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The messages stay in the queue and come back after their visibility timeout.
                LogEpisodeFailed(ex, instanceId);
                await AbandonAsync(batch, TimeSpan.FromSeconds(Math.Min(30, batch.Max(m => m.DequeueCount))));
            }
            finally
            {
                _concurrency.Release();
                Interlocked.Add(ref _inMemory, -batch.Count);
            }
        }
    }

    private async Task AbandonAsync(IReadOnlyCollection<ReceivedMessage> messages, TimeSpan delay)
    {
        await Task.WhenAll(messages.Select(async m =>
        {
            try
            {
                await _queue.UpdateMessageAsync(m.QueueMessageId, m.PopReceipt, visibilityTimeout: delay);
            }
            catch (RequestFailedException)
            {
                // Gone or re-delivered already: nothing to hand back.
            }
        }));
    }

    private sealed class Session
    {
        public List<ReceivedMessage> Pending { get; } = [];

        public bool Running { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling control queue {Partition} failed")]
    private partial void LogPollFailed(Exception exception, int partition);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deleted unreadable message {MessageId} from control queue {Partition}")]
    private partial void LogUnreadable(Exception exception, string messageId, int partition);

    [LoggerMessage(Level = LogLevel.Error, Message = "Episode of {InstanceId} failed; its messages will be retried")]
    private partial void LogEpisodeFailed(Exception exception, string instanceId);
}
