using System.Text.Json;
using Azure.Data.Tables;
using Replies.Workflows.Lifecycle;

namespace Replies.Workflows.Storage;

/// <summary>
/// The rows of the Status table, one partition per proposal: the status row, the audit rows, the outcome of each
/// request and the mark of each decision sent. Their keys and columns are written here only; the transition writer,
/// the decision ledger and the readers go through it.
/// </summary>
internal static class StatusRows
{
    internal const string Status = "status";

    // Outcomes: row = request|{request id}.
    internal const string RequestPrefix = "request|";

    // A decision, marked (with its event) when it is sent: a keyed retry finds its first attempt in flight, the watchdog
    // an event never answered (row = sent|{request id}).
    internal const string SentPrefix = "sent|";
    internal const string SentEnd = "sent}";

    // Audit rows: row = audit|{sequence:D6}.
    internal const string AuditPrefix = "audit|";
    internal const string AuditEnd = "audit}";

    internal static string AuditKey(int sequence) => AuditPrefix + sequence.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The status row of a snapshot.</summary>
    internal static TableEntity StatusEntity(ProposalSnapshot s, string json) => new(s.ProposalId, Status)
    {
        ["Snapshot"] = json,
        ["Stage"] = s.Stage.ToString(),
        ["Sequence"] = s.Sequence,
    };

    internal static ProposalSnapshot Snapshot(TableEntity status) =>
        JsonSerializer.Deserialize<ProposalSnapshot>(status.GetString("Snapshot")!, WorkflowJson.Options)!;

    internal static TableEntity AuditEntity(string proposalId, AuditEntry a) => new(proposalId, AuditKey(a.Sequence))
    {
        ["Entry"] = JsonSerializer.Serialize(a, WorkflowJson.Options),
        ["At"] = a.At,
        ["Actor"] = a.ActorName,
        ["Action"] = a.Action,
        ["From"] = a.From?.ToString(),
        ["To"] = a.To.ToString(),
    };

    internal static AuditEntry Audit(TableEntity row) => JsonSerializer.Deserialize<AuditEntry>(row.GetString("Entry")!, WorkflowJson.Options)!;

    internal static TableEntity OutcomeEntity(string proposalId, RequestOutcome outcome) => new(proposalId, RequestPrefix + outcome.RequestId)
    {
        ["Accepted"] = outcome.Accepted,
        ["Reason"] = outcome.Reason,
        ["Stage"] = outcome.Stage.ToString(),
        ["At"] = outcome.At,
    };

    internal static RequestOutcome Outcome(string requestId, TableEntity e) =>
        new(requestId, e.GetBoolean("Accepted") ?? false, e.GetString("Reason"), Enum.Parse<ProposalStage>(e.GetString("Stage")!), e.GetDateTime("At") ?? default);
}
