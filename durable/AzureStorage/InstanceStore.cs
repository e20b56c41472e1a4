using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Replies.Durable.AzureStorage;

/// <summary>The {hub}Instances table: one row per instance (partition = instance id, row key empty).</summary>
internal sealed class InstanceStore(TaskHubStorage storage, PayloadColumns payloads)
{
    public const string RowKey = "";

    /// <summary>The state a worker writes after an episode.</summary>
    internal sealed record InstanceUpdate(
        string Name,
        string Version,
        string ExecutionId,
        OrchestrationRuntimeStatus Status,
        string? CustomStatus,
        string? Input,
        string? Output,
        TaskFailureDetails? Failure,
        DateTime Now,
        int HistoryCount,
        bool Started);

    public async Task<TableEntity?> GetRowAsync(string instanceId, CancellationToken cancellationToken)
    {
        var response = await storage.Instances.GetEntityIfExistsAsync<TableEntity>(instanceId, RowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    public async Task<OrchestrationMetadata?> GetAsync(string instanceId, bool withPayloads, CancellationToken cancellationToken)
    {
        var row = await GetRowAsync(instanceId, cancellationToken);
        return row is null ? null : await ToMetadataAsync(row, withPayloads, cancellationToken);
    }

    public async Task<OrchestrationMetadata> ToMetadataAsync(TableEntity row, bool withPayloads, CancellationToken cancellationToken)
    {
        var failure = row.GetString("FailureDetails");
        return new OrchestrationMetadata(row.GetString("Name") ?? "", row.PartitionKey)
        {
            Version = row.GetString("Version") ?? "",
            RuntimeStatus = ParseStatus(row),
            CreatedAt = row.GetDateTimeOffset("CreatedTime") ?? default,
            LastUpdatedAt = row.GetDateTimeOffset("LastUpdatedTime") ?? default,
            SerializedInput = withPayloads ? await payloads.ReadAsync(row, "Input", cancellationToken) : null,
            SerializedOutput = withPayloads ? await payloads.ReadAsync(row, "Output", cancellationToken) : null,
            SerializedCustomStatus = withPayloads ? await payloads.ReadAsync(row, "CustomStatus", cancellationToken) : null,
            FailureDetails = failure is null ? null : JsonSerializer.Deserialize<TaskFailureDetails>(failure, JsonDataConverter.Options),
        };
    }

    public static OrchestrationRuntimeStatus ParseStatus(TableEntity row) =>
        Enum.TryParse<OrchestrationRuntimeStatus>(row.GetString("RuntimeStatus"), out var s) ? s : OrchestrationRuntimeStatus.Pending;

    /// <summary>Writes the Pending row of a new instance; refuses when the id is taken by an unfinished instance.</summary>
    public async Task CreatePendingAsync(string instanceId, string name, string version, string executionId, string? input, DateTime now, DateTime? startAt, CancellationToken cancellationToken)
    {
        var row = new TableEntity(instanceId, RowKey)
        {
            ["Name"] = name,
            ["Version"] = version,
            ["ExecutionId"] = executionId,
            ["RuntimeStatus"] = nameof(OrchestrationRuntimeStatus.Pending),
            ["CreatedTime"] = now,
            ["LastUpdatedTime"] = now,
            ["ScheduledStartTime"] = startAt,
            ["HistoryCount"] = 0,
            ["Output"] = null,
            ["CustomStatus"] = null,
            ["FailureDetails"] = null,
        };
        await payloads.WriteAsync(row, "Input", input, $"{instanceId}/instance/{executionId}-input.json", cancellationToken);
        try
        {
            await storage.Instances.AddEntityAsync(row, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = await GetRowAsync(instanceId, cancellationToken);
            if (existing is null)
            {
                await storage.Instances.AddEntityAsync(row, cancellationToken);
                return;
            }

            var status = ParseStatus(existing);
            if (!status.IsTerminal() && status != OrchestrationRuntimeStatus.Pending && status != OrchestrationRuntimeStatus.ContinuedAsNew)
            {
                throw new OrchestrationAlreadyExistsException(instanceId, status);
            }

            // A finished instance may be started again under the same id, as in Durable Functions.
            await storage.Instances.UpdateEntityAsync(row, existing.ETag, TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <summary>
    /// Writes a worker's view after an episode. The row's ETag fences a stale owner: on a conflict the row is re-read
    /// and written only if this episode is newer than what it holds.
    /// </summary>
    public async Task<ETag> WriteAsync(string instanceId, InstanceUpdate update, ETag? knownETag, CancellationToken cancellationToken)
    {
        var row = new TableEntity(instanceId, RowKey)
        {
            ["Name"] = update.Name,
            ["Version"] = update.Version,
            ["ExecutionId"] = update.ExecutionId,
            ["RuntimeStatus"] = update.Status.ToString(),
            ["LastUpdatedTime"] = update.Now,
            ["HistoryCount"] = update.HistoryCount,
            ["FailureDetails"] = update.Failure is null ? null : JsonSerializer.Serialize(update.Failure, JsonDataConverter.Options),
        };
        await payloads.WriteAsync(row, "CustomStatus", update.CustomStatus, $"{instanceId}/instance/{update.ExecutionId}-status-{update.HistoryCount}.json", cancellationToken);
        await payloads.WriteAsync(row, "Output", update.Output, $"{instanceId}/instance/{update.ExecutionId}-output.json", cancellationToken);
        if (update.Started)
        {
            row["CreatedTime"] = update.Now;
            await payloads.WriteAsync(row, "Input", update.Input, $"{instanceId}/instance/{update.ExecutionId}-input.json", cancellationToken);
        }

        var etag = knownETag;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                if (etag is { } e)
                {
                    return (await storage.Instances.UpdateEntityAsync(row, e, TableUpdateMode.Merge, cancellationToken)).Headers.ETag!.Value;
                }

                return (await storage.Instances.UpsertEntityAsync(row, TableUpdateMode.Merge, cancellationToken)).Headers.ETag!.Value;
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                var current = await GetRowAsync(instanceId, cancellationToken);
                if (current is null)
                {
                    etag = null;
                    continue;
                }

                var sameExecution = current.GetString("ExecutionId") == update.ExecutionId;
                if (sameExecution && (current.GetInt32("HistoryCount") ?? 0) > update.HistoryCount)
                {
                    return current.ETag;
                }

                if (update.Started && !sameExecution && ParseStatus(current) == OrchestrationRuntimeStatus.Pending)
                {
                    // A client already asked for a newer start; keep its row.
                    return current.ETag;
                }

                etag = current.ETag;
            }
        }

        throw new InvalidOperationException($"Could not write the instance row of '{instanceId}'.");
    }

    public async Task<bool> DeleteAsync(string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            await storage.Instances.DeleteEntityAsync(instanceId, RowKey, ETag.All, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }
}
