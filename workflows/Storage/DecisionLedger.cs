using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Replies.Workflows.Lifecycle;

namespace Replies.Workflows.Storage;

/// <summary>A sent decision's event: its name and its JSON.</summary>
public sealed record SentEvent(string EventName, string Json);

/// <summary>A decision marked as sent: its item, request, when, whether the watchdog raised it again, and the event (null if too large to keep).</summary>
public sealed record SentDecision(string ProposalId, string RequestId, DateTimeOffset At, DateTimeOffset? RaisedAgainAt, ProposalAction? Action, ETag ETag);

/// <summary>
/// What became of the decisions people gave: each marked when it is sent (with its event) and, once the orchestration
/// judged it, its outcome, kept beside the item's status row.
/// </summary>
public sealed class DecisionLedger(ReplyStorage storage)
{
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
            await storage.Status.AddEntityAsync(StatusRows.OutcomeEntity(proposalId, outcome), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Recorded already.
        }
    }

    /// <summary>
    /// Answers a decision whose item's lifecycle ended before it was taken (refused: nothing was done), unless it has
    /// an outcome already, which stands.
    /// </summary>
    public Task RecordTooLateAsync(string proposalId, string requestId, ProposalStage stage, DateTime at, CancellationToken cancellationToken = default) =>
        RecordOutcomeAsync(proposalId, new RequestOutcome(requestId, false, "本件已办结，此操作未执行。", stage, at), cancellationToken);

    /// <summary>
    /// Marks a decision as sent, before its event is raised, with the event itself: a keyed retry finds its first
    /// attempt in flight, and the watchdog can raise an event again whose outcome never came. A repeat keeps the first.
    /// </summary>
    public async Task MarkSentAsync(string proposalId, ProposalAction action, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        var payload = JsonSerializer.Serialize(action, action.GetType(), WorkflowJson.Options);
        var row = new TableEntity(proposalId, StatusRows.SentPrefix + action.RequestId) { ["At"] = at, ["Event"] = action.EventName };
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
        var row = await storage.Status.GetEntityIfExistsAsync<TableEntity>(proposalId, StatusRows.SentPrefix + requestId, ["At"], cancellationToken);
        return row.HasValue ? row.Value!.GetDateTimeOffset("At") : null;
    }

    /// <summary>Every decision marked as sent before <paramref name="before"/> (answered or not), across items.</summary>
    public async IAsyncEnumerable<SentDecision> SentBeforeAsync(DateTimeOffset before, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey ge {StatusRows.SentPrefix} and RowKey lt {StatusRows.SentEnd} and At lt {before}");
        await foreach (var row in storage.Status.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var action = row.GetString("Payload") is { } json ? ProposalAction.Read(row.GetString("Event")!, json) : null;
            yield return new SentDecision(row.PartitionKey, row.RowKey[StatusRows.SentPrefix.Length..], row.GetDateTimeOffset("At") ?? default, row.GetDateTimeOffset("RaisedAgainAt"), action, row.ETag);
        }
    }

    /// <summary>A sent decision's event as it was marked (its name and JSON), or null when it is not marked or was too large to keep.</summary>
    public async Task<SentEvent?> GetSentEventAsync(string proposalId, string requestId, CancellationToken cancellationToken = default)
    {
        var row = await storage.Status.GetEntityIfExistsAsync<TableEntity>(proposalId, StatusRows.SentPrefix + requestId, ["Event", "Payload"], cancellationToken);
        return row.HasValue && row.Value!.GetString("Payload") is { } payload ? new SentEvent(row.Value.GetString("Event")!, payload) : null;
    }

    /// <summary>Notes that the watchdog raised a sent decision's event again.</summary>
    public Task MarkRaisedAgainAsync(SentDecision sent, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        storage.Status.UpdateEntityAsync(new TableEntity(sent.ProposalId, StatusRows.SentPrefix + sent.RequestId) { ["RaisedAgainAt"] = at }, ETag.All, TableUpdateMode.Merge, cancellationToken);

    /// <summary>Clears the mark of a decision that has its outcome (the outcome answers any retry from now on).</summary>
    public async Task ClearSentAsync(SentDecision sent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sent);
        try
        {
            await storage.Status.DeleteEntityAsync(sent.ProposalId, StatusRows.SentPrefix + sent.RequestId, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Cleared already.
        }
    }

    /// <summary>The outcome of a request, or null while it is not decided.</summary>
    public async Task<RequestOutcome?> GetOutcomeAsync(string proposalId, string requestId, CancellationToken cancellationToken = default)
    {
        var row = await storage.Status.GetEntityIfExistsAsync<TableEntity>(proposalId, StatusRows.RequestPrefix + requestId, cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return null;
        }

        return StatusRows.Outcome(requestId, row.Value!);
    }
}
