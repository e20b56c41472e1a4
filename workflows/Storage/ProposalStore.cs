using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.ReadModel;

namespace Replies.Workflows.Storage;

/// <summary>A sent decision's event: its name and its JSON.</summary>
public sealed record SentEvent(string EventName, string Json);

/// <summary>A decision marked as sent: its item, request, when, whether the watchdog raised it again, and the event (null if too large to keep).</summary>
public sealed record SentDecision(string ProposalId, string RequestId, DateTimeOffset At, DateTimeOffset? RaisedAgainAt, ProposalAction? Action, ETag ETag);

/// <summary>
/// The read model: a status row per proposal, the index rows the clerk, department and proposer views query, the
/// audit trail, the notification outbox and request outcomes. Every write is an upsert keyed by the transition's
/// sequence number, so an activity that runs twice leaves the same rows.
/// </summary>
public sealed class ProposalStore(ReplyStorage storage, MetricsStore metrics)
{
    internal const string StatusRow = "status";

    // Outcomes sit beside the status row: partition = proposal, row = request|{request id}.
    private const string RequestPrefix = "request|";

    // A decision, marked (with its event) when it is sent: a keyed retry finds its first attempt in flight, the watchdog an event never answered (row = sent|{request id}).
    private const string SentPrefix = "sent|";
    private const string SentEnd = "sent}";

    // Audit rows sit beside the status row: partition = proposal, row = audit|{sequence:D6}.
    private const string AuditPrefix = "audit|";
    private const string AuditEnd = "audit}";

    /// <summary>A store whose aggregates go to the same storage.</summary>
    public ProposalStore(ReplyStorage storage)
        : this(storage, new MetricsStore(storage))
    {
    }

    /// <summary>
    /// Stores one transition: indexes (stale ones removed), audit, notifications and <paramref name="alongside"/>
    /// first, then the status row, then the outcome. An activity runs at least once, and a copy of it may run again
    /// after the instance has moved on (a worker killed after answering, before its message was deleted): the status
    /// row is written last and only over the sequence before it, so a row of this very transition, or a later one, means
    /// every write of it was made, and a late copy changes nothing but the (identical) outcome. The same sequence held by
    /// a different transition is a conflict and nothing is written: the engine sends an episode's activities before it
    /// checkpoints the episode, so a worker that dies in between may have stored a transition the instance, replaying,
    /// has not made yet; people may already have been told of it, so it stands and the instance waits for the event that
    /// made it, whose message comes back because it was never deleted.
    /// </summary>
    /// <returns>
    /// The key of the transition that holds the sequence number after the call: this one's when it was stored (now or
    /// before), another's on a conflict. The engine may hand an instance the answer of a lost episode's activity as if
    /// it were its own (both scheduled under the same task id), so the instance compares the key with its own.
    /// </returns>
    public async Task<string> RecordAsync(TransitionRecord record, Func<Task>? alongside = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var current = record.Current;
        var id = current.ProposalId;
        var transition = TransitionKey(record);
        var stored = await storage.Status.GetEntityIfExistsAsync<TableEntity>(id, StatusRow, ["Sequence", "Transition", "Snapshot"], cancellationToken);
        if (stored.HasValue && await HolderAsync(stored.Value!, current.Sequence, transition, cancellationToken) is { } holder)
        {
            if (holder == transition && record.Outcome is { } done)
            {
                await RecordOutcomeAsync(id, done, cancellationToken);
            }

            return holder;
        }

        // What the lists and aggregates hold is what was stored last, which is not always the orchestration's previous
        // state (a step may change it before the transition that records it): the rows move from the stored snapshot.
        var previous = stored.HasValue ? JsonSerializer.Deserialize<ProposalSnapshot>(stored.Value!.GetString("Snapshot")!, WorkflowJson.Options) : null;
        var json = JsonSerializer.Serialize(current, WorkflowJson.Options);
        var writes = new List<Task>
        {
            storage.Changes.UpsertEntityAsync(ChangeEntity(current), TableUpdateMode.Replace, cancellationToken),
            metrics.ApplyAsync(previous, current, transition, cancellationToken),
        };
        writes.AddRange(ListWriter.Writes(storage, previous, current, cancellationToken));

        writes.Add(Notices.NoticeOutbox.WriteAsync(storage, id, $"{record.Audit.Sequence:D5}", record.Audit.At, record.Notifications, cancellationToken));

        if (record.Text is { } text)
        {
            // Written with the first transition, and again when a decision changed it (the asks corrected at filing);
            // a repeat writes the same content.
            writes.Add(WriteTextAsync(id, text, cancellationToken));
        }

        if (alongside is not null)
        {
            writes.Add(alongside());
        }

        await Task.WhenAll(writes);
        var status = StatusEntity(current, json);
        status["Transition"] = transition;
        var audit = AuditEntity(id, record.Audit);
        audit["Transition"] = transition;
        var etag = stored.HasValue ? stored.Value!.ETag : (ETag?)null;
        // The audit row and the request's outcome share the status row's partition: the three are one entity group
        // transaction, so a transition stored is never without its outcome. The outcome is inserted, never replaced
        // (the first outcome stands).
        var outcome = record.Outcome is { } o ? OutcomeEntity(id, o) : null;
        while (true)
        {
            try
            {
                List<TableTransactionAction> batch =
                [
                    etag is { } match ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, status, match) : new TableTransactionAction(TableTransactionActionType.Add, status),
                    new TableTransactionAction(TableTransactionActionType.UpsertReplace, audit),
                ];
                if (outcome is not null)
                {
                    batch.Add(new TableTransactionAction(TableTransactionActionType.Add, outcome));
                }

                await storage.Status.SubmitTransactionAsync(batch, cancellationToken);
                outcome = null;
                break;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                // Written meanwhile: by a copy of this transition or a later one (theirs stands), or else try again over it.
                var now = (await storage.Status.GetEntityAsync<TableEntity>(id, StatusRow, ["Sequence", "Transition"], cancellationToken)).Value;
                if (await HolderAsync(now, current.Sequence, transition, cancellationToken) is { } meanwhile)
                {
                    if (meanwhile != transition)
                    {
                        return meanwhile;
                    }

                    break;
                }

                if (outcome is not null && await GetOutcomeAsync(id, record.Outcome!.RequestId, cancellationToken) is not null)
                {
                    outcome = null;
                }

                etag = now.ETag;
            }
        }

        if (outcome is not null)
        {
            await RecordOutcomeAsync(id, record.Outcome!, cancellationToken);
        }

        return transition;
    }

    /// <summary>The key of the transition stored as <paramref name="sequence"/>, or null while that sequence is free.</summary>
    public async Task<string?> HolderOfAsync(string proposalId, int sequence, CancellationToken cancellationToken = default)
    {
        var stored = await storage.Status.GetEntityIfExistsAsync<TableEntity>(proposalId, StatusRow, ["Sequence", "Transition"], cancellationToken);
        return stored.HasValue ? await HolderAsync(stored.Value!, sequence, "", cancellationToken) : null;
    }

    /// <summary>The key of the transition stored as <paramref name="sequence"/> (rows written before keys were kept count as <paramref name="transition"/>'s), or null while that sequence is free.</summary>
    private async Task<string?> HolderAsync(TableEntity stored, int sequence, string transition, CancellationToken cancellationToken)
    {
        var latest = stored.GetInt32("Sequence") ?? 0;
        if (latest < sequence)
        {
            return null;
        }

        if (latest == sequence)
        {
            return stored.GetString("Transition") ?? transition;
        }

        var audit = await storage.Status.GetEntityIfExistsAsync<TableEntity>(stored.PartitionKey, AuditKey(sequence), ["Transition"], cancellationToken);
        return audit.HasValue ? audit.Value!.GetString("Transition") ?? transition : transition;
    }

    /// <summary>
    /// Puts back what a restore from the archive brings beside the rows <see cref="ReadModel.BulkLoad"/> writes: the
    /// audit trail and the item's text.
    /// </summary>
    public async Task RestoreAsync(string proposalId, IReadOnlyList<AuditEntry> audit, ProposalText? text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        foreach (var chunk in audit.Chunk(100))
        {
            await storage.Status.SubmitTransactionAsync(chunk.Select(a => new TableTransactionAction(TableTransactionActionType.UpsertReplace, AuditEntity(proposalId, a))), cancellationToken);
        }

        if (text is not null)
        {
            await WriteTextAsync(proposalId, text, cancellationToken);
        }
    }

    private Task WriteTextAsync(string proposalId, ProposalText text, CancellationToken cancellationToken) =>
        storage.Proposals.GetBlobClient(proposalId + ".json").UploadAsync(BinaryData.FromObjectAsJson(text, WorkflowJson.Options), overwrite: true, cancellationToken);

    /// <summary>What identifies a transition beyond its sequence number: the request that caused it, or the system action and time.</summary>
    public static string TransitionKey(TransitionRecord record) =>
        record?.Cause ?? record!.Outcome?.RequestId ?? $"{record.Audit.Action}|{record.Audit.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Stores the outcome of a request (accepted or rejected with the reason). The first outcome stands: a person told
    /// "accepted" is never told otherwise, even when a copy of the request reaches the instance again later (after a
    /// crash, a redelivered message is judged against the stage the first copy produced).
    /// </summary>
    public async Task RecordOutcomeAsync(string proposalId, RequestOutcome outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        try
        {
            await storage.Status.AddEntityAsync(OutcomeEntity(proposalId, outcome), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Recorded already.
        }
    }

    /// <summary>
    /// Marks a decision as sent, before its event is raised, with the event itself: a keyed retry finds its first
    /// attempt in flight, and the watchdog can raise an event again whose outcome never came. A repeat keeps the first.
    /// </summary>
    public async Task MarkSentAsync(string proposalId, ProposalAction action, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        var payload = JsonSerializer.Serialize(action, action.GetType(), WorkflowJson.Options);
        var row = new TableEntity(proposalId, SentPrefix + action.RequestId) { ["At"] = at, ["Event"] = action.EventName };
        // A table property holds 32K characters; a larger decision (a very long summary) is marked without its event.
        if (payload.Length <= 30_000)
        {
            row["Payload"] = payload;
        }

        try
        {
            await storage.Status.AddEntityAsync(row, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Sent before: its first time stands.
        }
    }

    /// <summary>When a request was first sent, or null if it never was (or its mark was cleared once it was answered).</summary>
    public async Task<DateTimeOffset?> GetSentAsync(string proposalId, string requestId, CancellationToken cancellationToken = default)
    {
        var row = await storage.Status.GetEntityIfExistsAsync<TableEntity>(proposalId, SentPrefix + requestId, ["At"], cancellationToken);
        return row.HasValue ? row.Value!.GetDateTimeOffset("At") : null;
    }

    /// <summary>Every decision marked as sent before <paramref name="before"/> (answered or not), across items.</summary>
    public async IAsyncEnumerable<SentDecision> SentBeforeAsync(DateTimeOffset before, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey ge {SentPrefix} and RowKey lt {SentEnd} and At lt {before}");
        await foreach (var row in storage.Status.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var action = row.GetString("Payload") is { } json ? ProposalAction.Read(row.GetString("Event")!, json) : null;
            yield return new SentDecision(row.PartitionKey, row.RowKey[SentPrefix.Length..], row.GetDateTimeOffset("At") ?? default, row.GetDateTimeOffset("RaisedAgainAt"), action, row.ETag);
        }
    }

    /// <summary>A sent decision's event as it was marked (its name and JSON), or null when it is not marked or was too large to keep.</summary>
    public async Task<SentEvent?> GetSentEventAsync(string proposalId, string requestId, CancellationToken cancellationToken = default)
    {
        var row = await storage.Status.GetEntityIfExistsAsync<TableEntity>(proposalId, SentPrefix + requestId, ["Event", "Payload"], cancellationToken);
        return row.HasValue && row.Value!.GetString("Payload") is { } payload ? new SentEvent(row.Value.GetString("Event")!, payload) : null;
    }

    /// <summary>Notes that the watchdog raised a sent decision's event again.</summary>
    public Task MarkRaisedAgainAsync(SentDecision sent, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        storage.Status.UpdateEntityAsync(new TableEntity(sent.ProposalId, SentPrefix + sent.RequestId) { ["RaisedAgainAt"] = at }, ETag.All, TableUpdateMode.Merge, cancellationToken);

    /// <summary>Clears the mark of a decision that has its outcome (the outcome answers any retry from now on).</summary>
    public async Task ClearSentAsync(SentDecision sent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sent);
        try
        {
            await storage.Status.DeleteEntityAsync(sent.ProposalId, SentPrefix + sent.RequestId, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Cleared already.
        }
    }

    /// <summary>The outcome of a request, or null while it is not decided.</summary>
    public async Task<RequestOutcome?> GetOutcomeAsync(string proposalId, string requestId, CancellationToken cancellationToken = default)
    {
        var row = await storage.Status.GetEntityIfExistsAsync<TableEntity>(proposalId, RequestPrefix + requestId, cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return null;
        }

        var e = row.Value!;
        return new RequestOutcome(requestId, e.GetBoolean("Accepted") ?? false, e.GetString("Reason"), Enum.Parse<ProposalStage>(e.GetString("Stage")!), e.GetDateTime("At") ?? default);
    }

    /// <summary>The status of one proposal.</summary>
    public async Task<ProposalSnapshot?> GetAsync(string proposalId, CancellationToken cancellationToken = default)
    {
        var row = await storage.Status.GetEntityIfExistsAsync<TableEntity>(proposalId, StatusRow, cancellationToken: cancellationToken);
        return row.HasValue ? JsonSerializer.Deserialize<ProposalSnapshot>(row.Value!.GetString("Snapshot")!, WorkflowJson.Options) : null;
    }

    /// <summary>The text of a proposal, or null for one stored before texts were kept.</summary>
    public async Task<ProposalText?> GetTextAsync(string proposalId, CancellationToken cancellationToken = default)
    {
        try
        {
            var content = await storage.Proposals.GetBlobClient(proposalId + ".json").DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToObjectFromJson<ProposalText>(WorkflowJson.Options);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The audit trail of one proposal in order.</summary>
    public async Task<IReadOnlyList<AuditEntry>> GetAuditAsync(string proposalId, CancellationToken cancellationToken = default)
    {
        var entries = new List<AuditEntry>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {proposalId} and RowKey ge {AuditPrefix} and RowKey lt {AuditEnd}");
        await foreach (var row in storage.Status.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            entries.Add(JsonSerializer.Deserialize<AuditEntry>(row.GetString("Entry")!, WorkflowJson.Options)!);
        }

        return entries;
    }

    /// <summary>The rows of one partition of a table (a list partition's version row left out).</summary>
    public static async Task<IReadOnlyList<TableEntity>> QueryIndexAsync(TableClient index, string partition, CancellationToken cancellationToken = default)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in index.QueryAsync<TableEntity>(r => r.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            if (!ReadModel.PartitionVersion.Is(row))
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    /// <summary>The notifications of a recipient.</summary>
    public Task<IReadOnlyList<TableEntity>> GetNotificationsAsync(string recipient, CancellationToken cancellationToken = default) =>
        QueryIndexAsync(storage.Outbox, recipient, cancellationToken);

    /// <summary>The change-feed partition of a moment: its UTC minute.</summary>
    internal static string ChangePartition(DateTime utc) => utc.ToString("yyyyMMddHHmm", System.Globalization.CultureInfo.InvariantCulture);

    // Keyed by the transition's own time, so a repeated write lands on the same row.
    private static TableEntity ChangeEntity(ProposalSnapshot s) =>
        new(ChangePartition(s.UpdatedAt), $"{s.UpdatedAt.Ticks:D19}|{s.ProposalId}|{s.Sequence:D6}")
        {
            ["ProposalId"] = s.ProposalId,
            ["Sequence"] = s.Sequence,
        };

    /// <summary>The status row of a snapshot.</summary>
    public static TableEntity StatusEntity(ProposalSnapshot s, string json) => new(s.ProposalId, StatusRow)
    {
        ["Snapshot"] = json,
        ["Stage"] = s.Stage.ToString(),
        ["Sequence"] = s.Sequence,
    };

    private static TableEntity OutcomeEntity(string proposalId, RequestOutcome outcome) => new(proposalId, RequestPrefix + outcome.RequestId)
    {
        ["Accepted"] = outcome.Accepted,
        ["Reason"] = outcome.Reason,
        ["Stage"] = outcome.Stage.ToString(),
        ["At"] = outcome.At,
    };

    private static string AuditKey(int sequence) => AuditPrefix + sequence.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    private static TableEntity AuditEntity(string proposalId, AuditEntry a) => new(proposalId, AuditKey(a.Sequence))
    {
        ["Entry"] = JsonSerializer.Serialize(a, WorkflowJson.Options),
        ["At"] = a.At,
        ["Actor"] = a.ActorName,
        ["Action"] = a.Action,
        ["From"] = a.From?.ToString(),
        ["To"] = a.To.ToString(),
    };
}
