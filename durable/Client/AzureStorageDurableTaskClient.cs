using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Replies.Durable.AzureStorage;
using Replies.Durable.History;
using Replies.Durable.Worker;

namespace Replies.Durable.Client;

/// <summary>The client of a task hub on Azure Storage.</summary>
internal sealed class AzureStorageDurableTaskClient(
    TaskHubStorage storage,
    InstanceStore instances,
    HistoryStore history,
    MessageSender sender,
    LocalSignals signals,
    DataConverter converter,
    TimeProvider time) : DurableTaskClient
{
    private static readonly TimeSpan MaxWaitPoll = TimeSpan.FromSeconds(1);

    public override string Name => storage.Options.HubName;

    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(orchestratorName.Name);
        await storage.EnsureCreatedAsync(cancellation);
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        ValidateInstanceId(instanceId);
        var version = options?.Version ?? orchestratorName.Version;
        var executionId = Guid.NewGuid().ToString("N");
        var now = time.GetUtcNow().UtcDateTime;
        var serialized = converter.Serialize(input);
        var startAt = options?.StartAt?.UtcDateTime;
        await instances.CreatePendingAsync(instanceId, orchestratorName.Name, version, executionId, serialized, now, startAt, cancellation);
        var started = new ExecutionStarted(orchestratorName.Name, version, serialized, executionId, null, startAt) { Timestamp = now };
        var message = new TaskMessage($"{instanceId}:{executionId}:start", instanceId, executionId, started) { NotBefore = startAt };
        await sender.SendToInstanceAsync(message, cancellation);
        return instanceId;
    }

    public override async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ValidateInstanceId(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        await SendControlAsync(instanceId, new EventRaised(eventName, converter.Serialize(eventPayload)), cancellation);
    }

    public override Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        instances.GetAsync(instanceId, getInputsAndOutputs, cancellation);

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null)
    {
        filter ??= new OrchestrationQuery();
        var query = BuildFilter(filter);
        return new QueryPageable(this, query, filter);
    }

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitAsync(instanceId, getInputsAndOutputs, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitAsync(instanceId, getInputsAndOutputs, m => m.IsCompleted, cancellation);

    public override Task TerminateInstanceAsync(string instanceId, object? output = null, CancellationToken cancellation = default) =>
        SendControlAsync(instanceId, new ExecutionTerminated(converter.Serialize(output)), cancellation);

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendControlAsync(instanceId, new ExecutionSuspended(reason), cancellation);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendControlAsync(instanceId, new ExecutionResumed(reason), cancellation);

    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellation = default)
    {
        var row = await instances.GetRowAsync(instanceId, cancellation);
        if (row is null || !InstanceStore.ParseStatus(row).IsTerminal())
        {
            return new PurgeResult(0);
        }

        await history.DeleteAllAsync(instanceId, cancellation);
        await foreach (var blob in storage.LargeMessages.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, instanceId + "/", cancellation))
        {
            await storage.LargeMessages.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellation);
        }

        return new PurgeResult(await instances.DeleteAsync(instanceId, cancellation) ? 1 : 0);
    }

    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var statuses = (filter.Statuses ?? [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated])
            .Where(s => s.IsTerminal())
            .ToList();
        var query = new OrchestrationQuery { CreatedFrom = filter.CreatedFrom, CreatedTo = filter.CreatedTo, Statuses = statuses, PageSize = 500 };
        var ids = new List<string>();
        await foreach (var m in GetAllInstancesAsync(query).WithCancellation(cancellation))
        {
            ids.Add(m.InstanceId);
        }

        var purged = 0;
        foreach (var id in ids)
        {
            purged += (await PurgeInstanceAsync(id, cancellation)).PurgedInstanceCount;
        }

        return new PurgeResult(purged);
    }

    private async Task SendControlAsync(string instanceId, HistoryEvent e, CancellationToken cancellation)
    {
        ValidateInstanceId(instanceId);
        await storage.EnsureCreatedAsync(cancellation);
        var message = new TaskMessage(Guid.NewGuid().ToString("N"), instanceId, null, e with { Timestamp = time.GetUtcNow().UtcDateTime });
        await sender.SendToInstanceAsync(message, cancellation);
    }

    private async Task<OrchestrationMetadata> WaitAsync(string instanceId, bool withPayloads, Func<OrchestrationMetadata, bool> done, CancellationToken cancellation)
    {
        var poll = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            var wake = signals.WaitForInstanceChangeAsync(instanceId, poll, cancellation);
            var current = await instances.GetAsync(instanceId, withPayloads, cancellation);
            if (current is not null && done(current))
            {
                return current;
            }

            // Woken at once when this process writes the row; otherwise poll, less often as time passes.
            await wake;
            poll = TimeSpan.FromTicks(Math.Min(MaxWaitPoll.Ticks, poll.Ticks * 2));
        }
    }

    private async IAsyncEnumerable<Page<OrchestrationMetadata>> Pages(string? query, OrchestrationQuery filter, string? continuationToken, int? pageSize)
    {
        var size = pageSize ?? filter.PageSize;
        var pages = storage.Instances.QueryAsync<TableEntity>(query, maxPerPage: size).AsPages(continuationToken ?? filter.ContinuationToken, size);
        await foreach (var page in pages)
        {
            var items = new List<OrchestrationMetadata>(page.Values.Count);
            foreach (var row in page.Values)
            {
                items.Add(await instances.ToMetadataAsync(row, filter.FetchInputsAndOutputs, CancellationToken.None));
            }

            yield return Page<OrchestrationMetadata>.FromValues(items, page.ContinuationToken, page.GetRawResponse());
        }
    }

    private static string? BuildFilter(OrchestrationQuery filter)
    {
        var parts = new List<string>();
        if (filter.InstanceIdPrefix is { Length: > 0 } prefix)
        {
            parts.Add(TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {prefix + char.MaxValue}"));
        }

        if (filter.CreatedFrom is { } from)
        {
            parts.Add(TableClient.CreateQueryFilter($"CreatedTime ge {from}"));
        }

        if (filter.CreatedTo is { } to)
        {
            parts.Add(TableClient.CreateQueryFilter($"CreatedTime le {to}"));
        }

        if (filter.Statuses is { Count: > 0 } statuses)
        {
            parts.Add("(" + string.Join(" or ", statuses.Select(s => TableClient.CreateQueryFilter($"RuntimeStatus eq {s.ToString()}"))) + ")");
        }

        return parts.Count == 0 ? null : string.Join(" and ", parts);
    }

    private static void ValidateInstanceId(string instanceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        if (instanceId.Length > 256 || instanceId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Instance id '{instanceId}' is not allowed: at most 256 characters and none of / \\ # ? or control characters."), nameof(instanceId));
        }
    }

    private sealed class QueryPageable(AzureStorageDurableTaskClient client, string? query, OrchestrationQuery filter) : AsyncPageable<OrchestrationMetadata>
    {
        public override IAsyncEnumerable<Page<OrchestrationMetadata>> AsPages(string? continuationToken = null, int? pageSizeHint = null) =>
            client.Pages(query, filter, continuationToken, pageSizeHint);
    }
}
