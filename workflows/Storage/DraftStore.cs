using Azure;
using Azure.Storage.Blobs.Models;

namespace Replies.Workflows.Storage;

/// <summary>A saved draft version.</summary>
public sealed record DraftVersion(int Version, string Author, DateTimeOffset SavedAt, string Text);

/// <summary>
/// Drafts in Blob storage, one blob per version (<c>{proposalId}/v0001.txt</c>) with author and time in metadata.
/// A version is never overwritten: two saves at once get consecutive versions.
/// </summary>
public sealed class DraftStore(ReplyStorage storage, TimeProvider time)
{
    /// <summary>Saves a new version and returns its number.</summary>
    public Task<int> SaveAsync(string proposalId, string author, string text, CancellationToken cancellationToken = default) =>
        SaveAsync(proposalId, author, text, null, cancellationToken);

    /// <summary>Saves a new version, with the text it was cleaned from when that differs, and returns its number.</summary>
    public Task<int> SaveAsync(string proposalId, string author, string text, string? original, CancellationToken cancellationToken = default) =>
        SaveAsync(proposalId, author, text, original, null, cancellationToken);

    /// <summary>
    /// Saves a new version once for <paramref name="saveId"/> (a person's idempotency key): a save sent again with it,
    /// because its answer was lost (the host died after the write), answers the version the first one stored.
    /// </summary>
    public async Task<int> SaveAsync(string proposalId, string author, string text, string? original, string? saveId, CancellationToken cancellationToken = default)
    {
        // Marks this save's blob as its own: a storage answer lost after the write makes the client's retry meet it.
        // Metadata is ASCII only.
        var save = saveId is null ? Guid.NewGuid().ToString("N") : Uri.EscapeDataString(saveId);
        if (saveId is not null && await VersionSavedAsAsync(proposalId, save, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        for (var attempt = 0; attempt < 20; attempt++)
        {
            var version = await LatestVersionAsync(proposalId, cancellationToken) + 1;
            var blob = storage.Drafts.GetBlobClient(BlobName(proposalId, version));
            try
            {
                var options = Options(author, time.GetUtcNow());
                options.Metadata[SaveKey] = save;
                try
                {
                    await blob.UploadAsync(BinaryData.FromString(text), options, cancellationToken);
                }
                catch (RequestFailedException ex) when (ex.Status is 409 or 412)
                {
                    // Written by this save (its answer was lost and the retry found it) stands; another's takes the next.
                    if (await SavedByAsync(blob, cancellationToken) != save)
                    {
                        throw;
                    }
                }

                if (original is not null)
                {
                    // What the handler pasted, before normalisation, beside the version (never read back as a version).
                    await storage.Attachments.GetBlobClient($"{proposalId}/drafts/v{version:D4}.original.txt").UploadAsync(BinaryData.FromString(original), overwrite: true, cancellationToken);
                }

                return version;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Someone saved this version first; take the next.
            }
        }

        throw new InvalidOperationException($"Could not save a draft of {proposalId}: too many concurrent saves.");
    }

    /// <summary>Puts back a version restored from an archive, under its own number, author and time (never over a stored one).</summary>
    public async Task RestoreAsync(string proposalId, DraftVersion version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        try
        {
            await storage.Drafts.GetBlobClient(BlobName(proposalId, version.Version)).UploadAsync(BinaryData.FromString(version.Text), Options(version.Author, version.SavedAt), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Restored before.
        }
    }

    private const string SaveKey = "saveid";

    private async Task<int?> VersionSavedAsAsync(string proposalId, string save, CancellationToken cancellationToken)
    {
        await foreach (var item in storage.Drafts.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, proposalId + "/", cancellationToken))
        {
            if (item.Metadata.TryGetValue(SaveKey, out var saved) && saved == save)
            {
                return ParseVersion(item.Name);
            }
        }

        return null;
    }

    private static async Task<string?> SavedByAsync(Azure.Storage.Blobs.BlobClient blob, CancellationToken cancellationToken)
    {
        var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
        return properties.Value.Metadata.TryGetValue(SaveKey, out var save) ? save : null;
    }

    private static BlobUploadOptions Options(string author, DateTimeOffset savedAt) => new()
    {
        Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        Metadata = new Dictionary<string, string>
        {
            // Metadata is ASCII only; names are Chinese.
            ["author"] = Uri.EscapeDataString(author),
            ["savedat"] = savedAt.ToString("O"),
        },
        HttpHeaders = new BlobHttpHeaders { ContentType = "text/plain; charset=utf-8" },
    };

    /// <summary>The text a version was saved from before normalisation, or null when normalising changed nothing.</summary>
    public async Task<string?> GetOriginalAsync(string proposalId, int version, CancellationToken cancellationToken = default)
    {
        try
        {
            return (await storage.Attachments.GetBlobClient($"{proposalId}/drafts/v{version:D4}.original.txt").DownloadContentAsync(cancellationToken)).Value.Content.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>One version, or null.</summary>
    public async Task<DraftVersion?> GetAsync(string proposalId, int version, CancellationToken cancellationToken = default)
    {
        var blob = storage.Drafts.GetBlobClient(BlobName(proposalId, version));
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken);
            var meta = content.Value.Details.Metadata;
            return new DraftVersion(version, Uri.UnescapeDataString(meta["author"]), DateTimeOffset.Parse(meta["savedat"], System.Globalization.CultureInfo.InvariantCulture), content.Value.Content.ToString());
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>All versions' numbers, authors and times (without text).</summary>
    public async Task<IReadOnlyList<DraftVersion>> ListAsync(string proposalId, CancellationToken cancellationToken = default)
    {
        var list = new List<DraftVersion>();
        await foreach (var item in storage.Drafts.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, proposalId + "/", cancellationToken))
        {
            list.Add(new DraftVersion(ParseVersion(item.Name), Uri.UnescapeDataString(item.Metadata["author"]), DateTimeOffset.Parse(item.Metadata["savedat"], System.Globalization.CultureInfo.InvariantCulture), ""));
        }

        return [.. list.OrderBy(d => d.Version)];
    }

    internal static string BlobName(string proposalId, int version) => $"{proposalId}/v{version:D4}.txt";

    private async Task<int> LatestVersionAsync(string proposalId, CancellationToken cancellationToken)
    {
        var latest = 0;
        await foreach (var item in storage.Drafts.GetBlobsAsync(BlobTraits.None, BlobStates.None, proposalId + "/", cancellationToken))
        {
            latest = Math.Max(latest, ParseVersion(item.Name));
        }

        return latest;
    }

    private static int ParseVersion(string name) =>
        int.Parse(name.AsSpan(name.LastIndexOf("/v", StringComparison.Ordinal) + 2, 4), System.Globalization.CultureInfo.InvariantCulture);
}
