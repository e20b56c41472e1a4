using Azure;
using Azure.Data.Tables;
using Replies.Workflows.Lifecycle;

namespace Replies.Workflows.Storage;

/// <summary>
/// Reads one proposal as stored: its status, its text and its audit trail. What writes them is
/// <see cref="TransitionWriter"/>; the outcomes of decisions are the <see cref="DecisionLedger"/>'s.
/// </summary>
public sealed class ProposalStore(ReplyStorage storage)
{
    /// <summary>The blob of a proposal's text.</summary>
    internal static string TextBlob(string proposalId) => proposalId + ".json";

    /// <summary>The status of one proposal.</summary>
    public async Task<ProposalSnapshot?> GetAsync(string proposalId, CancellationToken cancellationToken = default)
    {
        var row = await storage.Status.GetEntityIfExistsAsync<TableEntity>(proposalId, StatusRows.Status, cancellationToken: cancellationToken);
        return row.HasValue ? StatusRows.Snapshot(row.Value!) : null;
    }

    /// <summary>The text of a proposal, or null for one stored before texts were kept.</summary>
    public async Task<ProposalText?> GetTextAsync(string proposalId, CancellationToken cancellationToken = default)
    {
        try
        {
            var content = await storage.Proposals.GetBlobClient(TextBlob(proposalId)).DownloadContentAsync(cancellationToken);
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
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {proposalId} and RowKey ge {StatusRows.AuditPrefix} and RowKey lt {StatusRows.AuditEnd}");
        await foreach (var row in storage.Status.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            entries.Add(StatusRows.Audit(row));
        }

        return entries;
    }
}
