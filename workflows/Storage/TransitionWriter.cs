using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.ReadModel;

namespace Replies.Workflows.Storage;

/// <summary>
/// Writes what a transition changes: the status row, the index rows the clerk, department and proposer views query,
/// the aggregates, the audit trail, the notices and the request's outcome. Every write is an upsert keyed by the
/// transition's sequence number, so an activity that runs twice leaves the same rows. The only writer of the status
/// row; <see cref="ProposalStore"/> reads it.
/// </summary>
public sealed class TransitionWriter(ReplyStorage storage, MetricsStore metrics, DecisionLedger ledger)
{
    /// <summary>A writer whose aggregates and outcomes go to the same storage.</summary>
    public TransitionWriter(ReplyStorage storage)
        : this(storage, new MetricsStore(storage), new DecisionLedger(storage))
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
        var stored = await storage.Status.GetEntityIfExistsAsync<TableEntity>(id, StatusRows.Status, ["Sequence", "Transition", "Snapshot"], cancellationToken);
        if (stored.HasValue && await HolderAsync(stored.Value!, current.Sequence, transition, cancellationToken) is { } holder)
        {
            if (holder == transition && record.Outcome is { } done)
            {
                await ledger.RecordOutcomeAsync(id, done, cancellationToken);
            }

            return holder;
        }

        // What the lists and aggregates hold is what was stored last, which is not always the orchestration's previous
        // state (a step may change it before the transition that records it): the rows move from the stored snapshot.
        var previous = stored.HasValue ? StatusRows.Snapshot(stored.Value!) : null;
        var json = JsonSerializer.Serialize(current, WorkflowJson.Options);
        var writes = new List<Task>
        {
            storage.Changes.UpsertEntityAsync(ChangeFeed.TransitionEntity(current), TableUpdateMode.Replace, cancellationToken),
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
        var status = StatusRows.StatusEntity(current, json);
        status["Transition"] = transition;
        var audit = StatusRows.AuditEntity(id, record.Audit);
        audit["Transition"] = transition;
        var etag = stored.HasValue ? stored.Value!.ETag : (ETag?)null;
        // The audit row and the request's outcome share the status row's partition: the three are one entity group
        // transaction, so a transition stored is never without its outcome. The outcome is inserted, never replaced
        // (the first outcome stands).
        var outcome = record.Outcome is { } o ? StatusRows.OutcomeEntity(id, o) : null;
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
                var now = (await storage.Status.GetEntityAsync<TableEntity>(id, StatusRows.Status, ["Sequence", "Transition"], cancellationToken)).Value;
                if (await HolderAsync(now, current.Sequence, transition, cancellationToken) is { } meanwhile)
                {
                    if (meanwhile != transition)
                    {
                        return meanwhile;
                    }

                    break;
                }

                if (outcome is not null && await ledger.GetOutcomeAsync(id, record.Outcome!.RequestId, cancellationToken) is not null)
                {
                    outcome = null;
                }

                etag = now.ETag;
            }
        }

        if (outcome is not null)
        {
            await ledger.RecordOutcomeAsync(id, record.Outcome!, cancellationToken);
        }

        return transition;
    }

    /// <summary>The key of the transition stored as <paramref name="sequence"/>, or null while that sequence is free.</summary>
    public async Task<string?> HolderOfAsync(string proposalId, int sequence, CancellationToken cancellationToken = default)
    {
        var stored = await storage.Status.GetEntityIfExistsAsync<TableEntity>(proposalId, StatusRows.Status, ["Sequence", "Transition"], cancellationToken);
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

        var audit = await storage.Status.GetEntityIfExistsAsync<TableEntity>(stored.PartitionKey, StatusRows.AuditKey(sequence), ["Transition"], cancellationToken);
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
            await storage.Status.SubmitTransactionAsync(chunk.Select(a => new TableTransactionAction(TableTransactionActionType.UpsertReplace, StatusRows.AuditEntity(proposalId, a))), cancellationToken);
        }

        if (text is not null)
        {
            await WriteTextAsync(proposalId, text, cancellationToken);
        }
    }

    private Task WriteTextAsync(string proposalId, ProposalText text, CancellationToken cancellationToken) =>
        storage.Proposals.GetBlobClient(ProposalStore.TextBlob(proposalId)).UploadAsync(BinaryData.FromObjectAsJson(text, WorkflowJson.Options), overwrite: true, cancellationToken);

    /// <summary>What identifies a transition beyond its sequence number: the request that caused it, or the system action and time.</summary>
    public static string TransitionKey(TransitionRecord record) =>
        record?.Cause ?? record!.Outcome?.RequestId ?? $"{record.Audit.Action}|{record.Audit.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture)}";
}
