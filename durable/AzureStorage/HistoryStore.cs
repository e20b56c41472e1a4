using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Replies.Durable.History;

namespace Replies.Durable.AzureStorage;

/// <summary>Thrown when another worker committed history for the instance first.</summary>
internal sealed class HistoryConflictException(string instanceId, Exception inner)
    : Exception($"History of '{instanceId}' changed underneath this worker.", inner);

/// <summary>
/// The {hub}History table: partition = instance id, one row per event keyed by execution and sequence number,
/// and a sentinel row that names the current execution and how many of its rows are committed.
/// </summary>
internal sealed class HistoryStore(TaskHubStorage storage, PayloadColumns payloads)
{
    private const string SentinelKey = "sentinel";
    private const int MaxBatch = 100;

    public static string RowKey(string executionId, int sequence) => $"{executionId}|{sequence:D6}";

    public async Task<HistoryState> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in storage.History.QueryAsync<TableEntity>(r => r.PartitionKey == instanceId, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        var state = HistoryState.Empty();
        var sentinel = rows.Find(r => r.RowKey == SentinelKey);
        if (sentinel is null)
        {
            return state;
        }

        state.ExecutionId = sentinel.GetString("ExecutionId");
        state.SentinelETag = sentinel.ETag;
        state.Status = Enum.Parse<OrchestrationRuntimeStatus>(sentinel.GetString("Status") ?? nameof(OrchestrationRuntimeStatus.Running));
        state.CustomStatus = sentinel.GetString("CustomStatus");
        var count = sentinel.GetInt32("Count") ?? 0;
        var prefix = state.ExecutionId + "|";
        var current = rows
            .Where(r => r.RowKey.StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(r => r.RowKey, StringComparer.Ordinal)
            .Take(count)
            .ToList();
        foreach (var row in current)
        {
            var json = await payloads.ReadAsync(row, "Event", cancellationToken)
                ?? throw new InvalidDataException($"History row {instanceId}/{row.RowKey} has no event.");
            var e = JsonSerializer.Deserialize<HistoryEvent>(json, JsonDataConverter.Options)!;
            state.Append(e, row.GetString("MessageId"));
        }

        return state;
    }

    /// <summary>
    /// Appends events to the execution named by <paramref name="executionId"/> in entity-group transactions; the sentinel
    /// goes in the last one, so rows of a batch split over several transactions stay invisible until all are written.
    /// </summary>
    public async Task CommitAsync(
        string instanceId,
        HistoryState state,
        string executionId,
        IReadOnlyList<(HistoryEvent Event, string? MessageId)> events,
        OrchestrationRuntimeStatus status,
        string? customStatus,
        CancellationToken cancellationToken)
    {
        var newExecution = state.ExecutionId != executionId;
        var start = newExecution ? 0 : state.Events.Count;
        var actions = new List<TableTransactionAction>(events.Count + 1);
        for (var i = 0; i < events.Count; i++)
        {
            var (e, messageId) = events[i];
            var rowKey = RowKey(executionId, start + i);
            var entity = new TableEntity(instanceId, rowKey)
            {
                ["Kind"] = e.GetType().Name,
                ["MessageId"] = messageId,
            };
            var json = JsonSerializer.Serialize(e, JsonDataConverter.Options);
            await payloads.WriteAsync(entity, "Event", json, $"{instanceId}/history/{executionId}/{start + i:D6}.json", cancellationToken);
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
        }

        var sentinel = new TableEntity(instanceId, SentinelKey)
        {
            ["ExecutionId"] = executionId,
            ["Count"] = start + events.Count,
            ["Status"] = status.ToString(),
            ["CustomStatus"] = customStatus is { Length: <= PayloadColumns.MaxInlineChars } ? customStatus : null,
        };
        var sentinelAction = state.SentinelETag is { } etag
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, sentinel, etag)
            : new TableTransactionAction(TableTransactionActionType.Add, sentinel);

        try
        {
            // Rows first in full batches; the last batch carries the sentinel and makes them all visible at once.
            var index = 0;
            while (actions.Count - index > MaxBatch - 1)
            {
                await storage.History.SubmitTransactionAsync(actions.GetRange(index, MaxBatch), cancellationToken);
                index += MaxBatch;
            }

            var last = actions.GetRange(index, actions.Count - index);
            last.Add(sentinelAction);
            var response = await storage.History.SubmitTransactionAsync(last, cancellationToken);
            state.SentinelETag = response.Value[^1].Headers.ETag;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            throw new HistoryConflictException(instanceId, ex);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            throw new HistoryConflictException(instanceId, ex);
        }

        if (newExecution)
        {
            state.Events.Clear();
            state.MessageIds.Clear();
            state.CompletedTaskIds.Clear();
            state.ExecutionId = executionId;
        }

        foreach (var (e, messageId) in events)
        {
            state.Append(e, messageId);
        }

        state.Status = status;
        state.CustomStatus = customStatus;
    }

    /// <summary>Deletes the rows of executions other than the current one (left by ContinueAsNew); best effort.</summary>
    public async Task DeleteOtherExecutionsAsync(string instanceId, string currentExecutionId, CancellationToken cancellationToken)
    {
        var stale = new List<TableEntity>();
        await foreach (var row in storage.History.QueryAsync<TableEntity>(r => r.PartitionKey == instanceId, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            if (row.RowKey != SentinelKey && !row.RowKey.StartsWith(currentExecutionId + "|", StringComparison.Ordinal))
            {
                stale.Add(row);
            }
        }

        await DeleteRowsAsync(stale, cancellationToken);
    }

    /// <summary>Deletes the whole history of an instance; returns the number of rows removed.</summary>
    public async Task<int> DeleteAllAsync(string instanceId, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in storage.History.QueryAsync<TableEntity>(r => r.PartitionKey == instanceId, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        await DeleteRowsAsync(rows, cancellationToken);
        return rows.Count;
    }

    private async Task DeleteRowsAsync(List<TableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var chunk in rows.Chunk(MaxBatch))
        {
            var batch = chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)).ToList();
            try
            {
                await storage.History.SubmitTransactionAsync(batch, cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404)
            {
                // Someone else removed part of it already; delete the rest one by one.
                foreach (var r in chunk)
                {
                    await storage.History.DeleteEntityAsync(r.PartitionKey, r.RowKey, ETag.All, cancellationToken);
                }
            }
        }
    }
}
