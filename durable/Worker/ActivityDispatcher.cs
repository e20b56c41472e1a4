using System.Diagnostics;
using Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Replies.Durable.AzureStorage;
using Replies.Durable.Diagnostics;
using Replies.Durable.History;

namespace Replies.Durable.Worker;

/// <summary>
/// Runs activities as competing consumers of the work-item queue. Activities are at least once: a worker that dies
/// mid-activity leaves the message to reappear; a message dequeued more than the configured number of times fails its
/// task (poison handling). A running activity keeps its message hidden by renewing the visibility timeout.
/// </summary>
internal sealed partial class ActivityDispatcher(
    TaskHubStorage storage,
    MessageCodec codec,
    MessageSender sender,
    DurableTaskRegistry registry,
    IServiceProvider services,
    LocalSignals signals,
    DataConverter converter,
    ILoggerFactory loggerFactory) : IAsyncDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("Replies.Durable.Activities");
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private readonly HashSet<Task> _running = [];
    private SemaphoreSlim? _slots;
    private Task? _loop;

    private DurableTaskOptions Options => storage.Options;

    public void Start()
    {
        _slots = new SemaphoreSlim(Options.MaxConcurrentActivities, Options.MaxConcurrentActivities);
        _loop = Task.Run(() => PollAsync(_stop.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        Task[] running;
        lock (_gate)
        {
            running = [.. _running];
        }

        await Task.WhenAll(running).WaitAsync(Options.ShutdownTimeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task PollAsync(CancellationToken ct)
    {
        var backoff = new PollingBackoff(Options.MinPollingInterval, Options.MaxPollingInterval);
        var slots = _slots!;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await slots.WaitAsync(ct);
                var free = 1;
                while (free < 32 && slots.Wait(0, CancellationToken.None))
                {
                    free++;
                }

                Azure.Storage.Queues.Models.QueueMessage[] messages;
                try
                {
                    messages = (await storage.WorkItems.ReceiveMessagesAsync(free, Options.WorkItemVisibilityTimeout, ct)).Value;
                }
                catch
                {
                    slots.Release(free);
                    throw;
                }

                if (messages.Length < free)
                {
                    slots.Release(free - messages.Length);
                }

                if (messages.Length == 0)
                {
                    await signals.WorkItems.WaitAsync(backoff.Next(), ct);
                    continue;
                }

                backoff.Reset();
                foreach (var message in messages)
                {
                    var task = Task.Run(() => ProcessAsync(message, ct), CancellationToken.None);
                    lock (_gate)
                    {
                        _running.Add(task);
                    }

                    _ = task.ContinueWith(
                        t =>
                        {
                            slots.Release();
                            lock (_gate)
                            {
                                _running.Remove(t);
                            }
                        },
                        TaskScheduler.Default);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is RequestFailedException or IOException)
            {
                LogPollFailed(ex);
                await Task.Delay(Options.MaxPollingInterval, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task ProcessAsync(Azure.Storage.Queues.Models.QueueMessage queued, CancellationToken ct)
    {
        var popReceipt = queued.PopReceipt;
        TaskMessage message;
        try
        {
            message = await codec.DecodeAsync(queued.Body.ToString(), ct);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidDataException)
        {
            LogUnreadable(ex, queued.MessageId);
            await storage.WorkItems.DeleteMessageAsync(queued.MessageId, popReceipt, CancellationToken.None);
            return;
        }

        if (message.Event is not TaskScheduled scheduled)
        {
            LogUnreadable(null, queued.MessageId);
            await storage.WorkItems.DeleteMessageAsync(queued.MessageId, popReceipt, CancellationToken.None);
            return;
        }

        HistoryEvent outcome;
        if (queued.DequeueCount > Options.MaxActivityDequeueCount)
        {
            DurableTelemetry.PoisonMessages.Add(1);
            LogPoison(message.InstanceId, scheduled.Name, queued.DequeueCount);
            outcome = new TaskFailed(scheduled.EventId, new TaskFailureDetails(
                "PoisonMessage",
                $"Activity '{scheduled.Name}' was dequeued {queued.DequeueCount} times without finishing (limit {Options.MaxActivityDequeueCount}); giving up."));
        }
        else
        {
            using var renewCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var renewal = KeepHiddenAsync(queued.MessageId, () => popReceipt, r => popReceipt = r, renewCts.Token);
            try
            {
                outcome = await ExecuteAsync(message, scheduled, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Shutting down: hand the work item back for another worker at once.
                await renewCts.CancelAsync();
                await renewal.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                await TryHandBackAsync(queued.MessageId, popReceipt);
                return;
            }
            finally
            {
                await renewCts.CancelAsync();
                await renewal.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        Checkpoint(Checkpoints.ActivityBeforeResult);
        var result = new TaskMessage($"{message.ExecutionId}:{scheduled.EventId}:result", message.InstanceId, message.ExecutionId, outcome);
        await sender.SendToInstanceAsync(result, CancellationToken.None);
        Checkpoint(Checkpoints.ActivityAfterResult);
        try
        {
            await storage.WorkItems.DeleteMessageAsync(queued.MessageId, popReceipt, CancellationToken.None);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 400)
        {
            // Its visibility lapsed and another worker took it; that run's result will be dropped as a duplicate.
        }
    }

    private async Task<HistoryEvent> ExecuteAsync(TaskMessage message, TaskScheduled scheduled, CancellationToken ct)
    {
        var factory = registry.FindActivity(scheduled.Name);
        if (factory is null)
        {
            return new TaskFailed(scheduled.EventId, new TaskFailureDetails("ActivityNotFound", $"No activity named '{scheduled.Name}' is registered with this worker."));
        }

        using var span = DurableTelemetry.Source.StartActivity("activity " + scheduled.Name, ActivityKind.Internal);
        span?.SetTag("durable.instance_id", message.InstanceId);
        DurableTelemetry.ActivitiesExecuted.Add(1);
        await using var scope = services.CreateAsyncScope();
        try
        {
            var activity = factory(scope.ServiceProvider);
            var input = converter.Deserialize(scheduled.Input, activity.InputType);
            var context = new RuntimeActivityContext(new TaskName(scheduled.Name, scheduled.Version), message.InstanceId, scheduled.EventId, ct);
            var output = await activity.RunAsync(context, input);
            return new TaskCompleted(scheduled.EventId, converter.Serialize(output));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            LogActivityFailed(ex, message.InstanceId, scheduled.Name);
            return new TaskFailed(scheduled.EventId, TaskFailureDetails.FromException(ex));
        }
    }

    private async Task KeepHiddenAsync(string messageId, Func<string> receipt, Action<string> update, CancellationToken ct)
    {
        var every = Options.WorkItemVisibilityTimeout / 2;
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(every, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (ct.IsCancellationRequested)
            {
                return;
            }

            try
            {
                var response = await storage.WorkItems.UpdateMessageAsync(messageId, receipt(), visibilityTimeout: Options.WorkItemVisibilityTimeout, cancellationToken: ct);
                update(response.Value.PopReceipt);
            }
            catch (RequestFailedException ex)
            {
                LogRenewFailed(ex, messageId);
                return;
            }
        }
    }

    private async Task TryHandBackAsync(string messageId, string popReceipt)
    {
        try
        {
            await storage.WorkItems.UpdateMessageAsync(messageId, popReceipt, visibilityTimeout: TimeSpan.Zero);
        }
        catch (RequestFailedException)
        {
        }
    }

    private void Checkpoint(string name) => Options.OnCheckpoint?.Invoke(name);

    private sealed class RuntimeActivityContext(TaskName name, string instanceId, int taskId, CancellationToken cancellationToken) : TaskActivityContext
    {
        public override TaskName Name => name;

        public override string InstanceId => instanceId;

        public override int TaskId => taskId;

        public override CancellationToken CancellationToken => cancellationToken;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling the work-item queue failed")]
    private partial void LogPollFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deleted unreadable work item {MessageId}")]
    private partial void LogUnreadable(Exception? exception, string messageId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Activity {Activity} of {InstanceId} is poison after {DequeueCount} dequeues; failing the task")]
    private partial void LogPoison(string instanceId, string activity, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activity {Activity} of {InstanceId} failed")]
    private partial void LogActivityFailed(Exception exception, string instanceId, string activity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not extend the visibility of work item {MessageId}")]
    private partial void LogRenewFailed(Exception exception, string messageId);
}
