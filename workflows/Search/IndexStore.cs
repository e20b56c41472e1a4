using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Replies.Workflows.Storage;

namespace Replies.Workflows.Search;

/// <summary>
/// The latest commit of the shared indexes: the files of each index (Lucene never changes a file once written, so a
/// reader copies only the ones it lacks), under a lineage that a full rebuild renews (a new index reuses file names),
/// and how far the writer has read the change feed.
/// </summary>
public sealed record SearchManifest(string Lineage, long Version, DateTime FeedReadUpTo, IReadOnlyList<string> InternalFiles, IReadOnlyList<string> PublicFiles)
{
    /// <summary>The fields and analysis the lineage was built with (<see cref="SearchIndex.Schema"/>); 0 before words were indexed.</summary>
    public int Schema { get; init; }
}

/// <summary>The shared search indexes in Blob storage (<see cref="ReplyStorage.Search"/>).</summary>
public sealed class IndexStore(ReplyStorage storage)
{
    /// <summary>The internal index's folder name.</summary>
    public const string Internal = "internal";

    /// <summary>The public index's folder name.</summary>
    public const string Public = "public";

    private const string ManifestName = "manifest.json";
    private const string LockName = "writer.lock";
    private const string RebuildName = "rebuild.requested";

    /// <summary>The latest manifest, or null when none is stored or it is the one <paramref name="known"/> names.</summary>
    public async Task<(SearchManifest? Manifest, ETag? ETag)> ManifestAsync(ETag? known = null, CancellationToken cancellationToken = default)
    {
        try
        {
            var blob = storage.Search.GetBlobClient(ManifestName);
            var content = await blob.DownloadContentAsync(new BlobDownloadOptions { Conditions = known is { } etag ? new BlobRequestConditions { IfNoneMatch = etag } : null }, cancellationToken);
            if (content.GetRawResponse().Status == 304)
            {
                // Not modified: answered without a body.
                return (null, known);
            }

            return (content.Value.Content.ToObjectFromJson<SearchManifest>(WorkflowJson.Options), content.Value.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 304)
        {
            return (null, e.Status == 304 ? known : null);
        }
    }

    /// <summary>Stores the manifest: the commit it names becomes what every reader opens.</summary>
    public async Task PutManifestAsync(SearchManifest manifest, string leaseId, CancellationToken cancellationToken = default)
    {
        // Written only while this writer holds the lock's lease: a writer that lost it (paused past its lease) fails here.
        await storage.Search.GetBlobClient(LockName).GetBlobLeaseClient(leaseId).RenewAsync(cancellationToken: cancellationToken);
        await storage.Search.GetBlobClient(ManifestName).UploadAsync(BinaryData.FromObjectAsJson(manifest, WorkflowJson.Options), overwrite: true, cancellationToken);
    }

    /// <summary>Uploads one index file (skipped when stored already: files never change).</summary>
    public async Task UploadAsync(string lineage, string index, string localPath, CancellationToken cancellationToken = default)
    {
        try
        {
            await storage.Search.GetBlobClient($"{lineage}/{index}/{Path.GetFileName(localPath)}").UploadAsync(localPath, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
        }
    }

    /// <summary>Downloads one index file to <paramref name="localPath"/> (through a temporary name, so a half-copied file is never seen).</summary>
    public async Task DownloadAsync(string lineage, string index, string file, string localPath, CancellationToken cancellationToken = default)
    {
        var partial = localPath + ".partial";
        await storage.Search.GetBlobClient($"{lineage}/{index}/{file}").DownloadToAsync(partial, cancellationToken);
        File.Move(partial, localPath, overwrite: true);
    }

    /// <summary>Deletes a file no commit names any more (<c>{lineage}/{index}/{file}</c>).</summary>
    public async Task DeleteAsync(string name, CancellationToken cancellationToken = default) =>
        await storage.Search.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    /// <summary>Asks whichever instance writes to build both indexes again from storage (an operator's command).</summary>
    public async Task RequestRebuildAsync(string requestedBy, CancellationToken cancellationToken = default) =>
        await storage.Search.GetBlobClient(RebuildName).UploadAsync(BinaryData.FromString(requestedBy), overwrite: true, cancellationToken);

    /// <summary>Whether a rebuild was asked for and not yet done.</summary>
    public async Task<bool> RebuildRequestedAsync(CancellationToken cancellationToken = default) =>
        (await storage.Search.GetBlobClient(RebuildName).ExistsAsync(cancellationToken)).Value;

    /// <summary>Marks the asked rebuild done.</summary>
    public async Task RebuildDoneAsync(CancellationToken cancellationToken = default) =>
        await storage.Search.GetBlobClient(RebuildName).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    /// <summary>Takes the writer's lock for <paramref name="duration"/>; null when another instance holds it.</summary>
    public async Task<string?> TryLeaseAsync(string leaseId, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var blob = storage.Search.GetBlobClient(LockName);
        try
        {
            await blob.UploadAsync(BinaryData.FromString(""), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
        }

        try
        {
            await blob.GetBlobLeaseClient(leaseId).AcquireAsync(duration, cancellationToken: cancellationToken);
            return leaseId;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    /// <summary>Keeps the lock; false when it was lost.</summary>
    public async Task<bool> RenewAsync(string leaseId, CancellationToken cancellationToken = default)
    {
        try
        {
            await storage.Search.GetBlobClient(LockName).GetBlobLeaseClient(leaseId).RenewAsync(cancellationToken: cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>Gives the lock up (a stopping writer), so another instance takes over at once.</summary>
    public async Task ReleaseAsync(string leaseId, CancellationToken cancellationToken = default)
    {
        try
        {
            await storage.Search.GetBlobClient(LockName).GetBlobLeaseClient(leaseId).ReleaseAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException)
        {
        }
    }
}
