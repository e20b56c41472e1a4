using DurableTask.AzureStorage;
using DurableTask.AzureStorage.Tracking;
using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CoreStatus = DurableTask.Core.OrchestrationStatus;
using OrchestrationQuery = Microsoft.DurableTask.Client.OrchestrationQuery;
using PurgeResult = Microsoft.DurableTask.Client.PurgeResult;

namespace Replies.Local.Engine;

/// <summary>
/// Microsoft.DurableTask's client over the Durable Task Framework's Azure Storage service (no served package has one).
/// Payloads are serialized with the same converter the worker's shims use, so inputs and events read back as sent.
/// </summary>
public sealed class EngineClient : DurableTaskClient
{
    private static readonly CoreStatus[] RunningStates = [CoreStatus.Pending, CoreStatus.Running, CoreStatus.Suspended];
    private readonly AzureStorageOrchestrationService _service;
    private readonly DataConverter _converter;

    /// <summary>Creates a client over <paramref name="service"/>.</summary>
    public EngineClient(AzureStorageOrchestrationService service, DataConverter converter, string name = "Replies")
        : base(name)
    {
        _service = service;
        _converter = converter;
    }

    /// <summary>The longest pause between status reads while waiting for an instance.</summary>
    public TimeSpan MaxWaitPollingInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <inheritdoc />
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        var instance = new OrchestrationInstance
        {
            InstanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N"),
            ExecutionId = Guid.NewGuid().ToString("N"),
        };
        var started = new ExecutionStartedEvent(-1, _converter.Serialize(input))
        {
            Name = orchestratorName.Name,
            Version = string.Empty,
            OrchestrationInstance = instance,
            ScheduledStartTime = options?.StartAt?.UtcDateTime,
        };
        if (options?.Tags is { Count: > 0 } tags)
        {
            started.Tags = tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        }

        cancellation.ThrowIfCancellationRequested();
        await _service.CreateTaskOrchestrationAsync(new TaskMessage { OrchestrationInstance = instance, Event = started }, RunningStates);
        return instance.InstanceId;
    }

    /// <inheritdoc />
    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        cancellation.ThrowIfCancellationRequested();
        return SendAsync(instanceId, new EventRaisedEvent(-1, _converter.Serialize(eventPayload)) { Name = eventName });
    }

    /// <inheritdoc />
    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionSuspendedEvent(-1, reason));

    /// <inheritdoc />
    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionResumedEvent(-1, reason));

    /// <inheritdoc />
    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionTerminatedEvent(-1, _converter.Serialize(options?.Output)));

    /// <inheritdoc />
    public override Task RewindInstanceAsync(string instanceId, string reason, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        return _service.RewindTaskOrchestrationAsync(instanceId, reason);
    }

    /// <inheritdoc />
    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        var result = await _service.PurgeInstanceHistoryAsync(instanceId);
        return new PurgeResult(result.InstancesDeleted);
    }

    /// <inheritdoc />
    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var statuses = filter.Statuses?.Select(s => (CoreStatus)(int)s).ToList() ?? [CoreStatus.Completed, CoreStatus.Failed, CoreStatus.Terminated];
        var result = await _service.PurgeInstanceHistoryAsync(filter.CreatedFrom?.UtcDateTime ?? DateTime.MinValue, filter.CreatedTo?.UtcDateTime, statuses);
        return new PurgeResult(result.InstancesDeleted);
    }

    /// <inheritdoc />
    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var states = await _service.GetOrchestrationStateAsync(instanceId, allExecutions: false, fetchInput: getInputsAndOutputs);
        return states.FirstOrDefault(s => s?.OrchestrationInstance is not null) is { } state ? ToMetadata(state, getInputsAndOutputs) : null;
    }

    /// <inheritdoc />
    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        Pageable.Create<OrchestrationMetadata>(async (continuation, pageSize, cancellation) =>
        {
            var condition = new OrchestrationInstanceStatusQueryCondition
            {
                RuntimeStatus = filter?.Statuses?.Select(s => (CoreStatus)(int)s).ToList(),
                CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime ?? default,
                CreatedTimeTo = filter?.CreatedTo?.UtcDateTime ?? default,
                InstanceIdPrefix = filter?.InstanceIdPrefix,
                FetchInput = filter?.FetchInputsAndOutputs ?? false,
            };
            var page = await _service.GetOrchestrationStateAsync(condition, pageSize ?? filter?.PageSize ?? OrchestrationQuery.DefaultPageSize, continuation ?? filter?.ContinuationToken, cancellation);
            return new Page<OrchestrationMetadata>([.. page.OrchestrationState.Select(s => ToMetadata(s, condition.FetchInput))], page.ContinuationToken);
        });

    /// <inheritdoc />
    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitAsync(instanceId, getInputsAndOutputs, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellation);

    /// <inheritdoc />
    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitAsync(instanceId, getInputsAndOutputs, m => m.IsCompleted, cancellation);

    /// <inheritdoc />
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task SendAsync(string instanceId, HistoryEvent e)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        await _service.SendTaskOrchestrationMessageAsync(new TaskMessage { OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId }, Event = e });
    }

    private async Task<OrchestrationMetadata> WaitAsync(string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> done, CancellationToken cancellation)
    {
        var pause = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            if (await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation) is { } metadata && done(metadata))
            {
                return metadata;
            }

            await Task.Delay(pause, cancellation);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxWaitPollingInterval.Ticks));
        }
    }

    private OrchestrationMetadata ToMetadata(OrchestrationState state, bool withPayloads) => new(state.Name, state.OrchestrationInstance.InstanceId)
    {
        DataConverter = _converter,
        RuntimeStatus = (OrchestrationRuntimeStatus)(int)state.OrchestrationStatus,
        CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.CreatedTime, DateTimeKind.Utc)),
        LastUpdatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.LastUpdatedTime, DateTimeKind.Utc)),
        SerializedInput = withPayloads ? state.Input : null,
        SerializedOutput = withPayloads ? state.Output : null,
        SerializedCustomStatus = state.Status,
        Tags = state.Tags is { } tags ? tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal) : new Dictionary<string, string>(StringComparer.Ordinal),
        FailureDetails = state.OrchestrationStatus == CoreStatus.Failed ? Failure(state) : null,
    };

    private static TaskFailureDetails Failure(OrchestrationState state) => state.FailureDetails is { } f
        ? Convert(f)
        // The provider keeps the failure's text in the output when it stores no details.
        : new TaskFailureDetails("OrchestrationFailed", state.Output ?? string.Empty, null, null, null);

    private static TaskFailureDetails Convert(FailureDetails f) =>
        new(f.ErrorType, f.ErrorMessage, f.StackTrace, f.InnerFailure is { } inner ? Convert(inner) : null, null);
}
