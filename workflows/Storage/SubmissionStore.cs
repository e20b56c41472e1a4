using Azure;
using Azure.Data.Tables;

namespace Replies.Workflows.Storage;

/// <summary>The proposal a submission with an idempotency key maps to, and whether this call created the mapping.</summary>
public sealed record SubmissionClaim(string ProposalId, bool IsNew);

/// <summary>A key was used before for a different submission.</summary>
public sealed class IdempotencyKeyReusedException(string key) : Exception($"Idempotency key '{key}' was used for a different submission.")
{
    /// <summary>The key.</summary>
    public string Key { get; } = key;
}

/// <summary>
/// Makes a retried submission file one proposal: the first call with a person's key claims a row naming the proposal
/// id and a fingerprint of the content; a retry gets the same id back, a different submission under the same key is
/// refused.
/// </summary>
public sealed class SubmissionStore(ReplyStorage storage)
{
    /// <summary>Claims <paramref name="key"/> for <paramref name="proposalId"/>, or returns the earlier claim.</summary>
    public async Task<SubmissionClaim> ClaimAsync(string personId, string key, string proposalId, string fingerprint, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        try
        {
            await storage.Submissions.AddEntityAsync(
                new TableEntity(personId, key) { ["ProposalId"] = proposalId, ["Fingerprint"] = fingerprint },
                cancellationToken);
            return new SubmissionClaim(proposalId, true);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = await storage.Submissions.GetEntityAsync<TableEntity>(personId, key, cancellationToken: cancellationToken);
            if (existing.Value.GetString("Fingerprint") != fingerprint)
            {
                throw new IdempotencyKeyReusedException(key);
            }

            return new SubmissionClaim(existing.Value.GetString("ProposalId")!, false);
        }
    }
}
