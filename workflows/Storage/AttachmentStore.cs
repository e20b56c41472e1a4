using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Replies.Workflows.Storage;

/// <summary>Which part of an item a file belongs to: the proposal (by its proposer or the clerk) or the reply (by the handler).</summary>
public enum AttachmentPart
{
    /// <summary>附件 of the proposal.</summary>
    Proposal,

    /// <summary>附件 of the reply.</summary>
    Reply,
}

/// <summary>A stored attachment: its id, the name it was uploaded under, what it is, and who added it when.</summary>
public sealed record Attachment(string Id, string Name, AttachmentPart Part, string ContentType, long Size, string AuthorId, string AuthorName, DateTimeOffset AddedAt);

/// <summary>
/// Attachments of an item, each its own blob <c>{proposalId}/files/{id}</c> (an id that sorts by time, so the name a
/// person gave never reaches a path); the name, author and part are metadata. A blob is written once, never over
/// another, and removed only as <see cref="Permissions"/> allow.
/// </summary>
public sealed class AttachmentStore(ReplyStorage storage, TimeProvider time)
{
    /// <summary>Stores a file as a new attachment.</summary>
    public async Task<Attachment> SaveAsync(string proposalId, string name, AttachmentPart part, string contentType, Stream content, string authorId, string authorName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        await storage.EnsureCreatedAsync(cancellationToken);
        var at = time.GetUtcNow();
        var id = $"{at:yyyyMMddHHmmssfff}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant()}";
        var attachment = new Attachment(id, name, part, contentType, content.Length - content.Position, authorId, authorName, at);
        await Blob(proposalId, id).UploadAsync(content, new BlobUploadOptions
        {
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            Metadata = Metadata(attachment),
        }, cancellationToken);
        return attachment;
    }

    /// <summary>Puts back an attachment restored from an archive, under its own id (never over a stored one).</summary>
    public async Task RestoreAsync(string proposalId, Attachment attachment, BinaryData content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        try
        {
            await Blob(proposalId, attachment.Id).UploadAsync(content.ToStream(), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = attachment.ContentType },
                Metadata = Metadata(attachment),
            }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Restored before.
        }
    }

    /// <summary>The item's attachments, oldest first.</summary>
    public async Task<IReadOnlyList<Attachment>> ListAsync(string proposalId, CancellationToken cancellationToken = default)
    {
        var list = new List<Attachment>();
        try
        {
            await foreach (var blob in storage.Attachments.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, Prefix(proposalId), cancellationToken))
            {
                if (Read(blob.Name[Prefix(proposalId).Length..], blob.Metadata, blob.Properties.ContentType, blob.Properties.ContentLength ?? 0) is { } a)
                {
                    list.Add(a);
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No container yet: nothing attached anywhere.
        }

        return list;
    }

    /// <summary>One attachment and its content, or null.</summary>
    public async Task<(Attachment Attachment, BinaryData Content)?> GetAsync(string proposalId, string id, CancellationToken cancellationToken = default)
    {
        try
        {
            var download = await Blob(proposalId, id).DownloadContentAsync(cancellationToken);
            var details = download.Value.Details;
            return Read(id, details.Metadata, details.ContentType, download.Value.Content.ToMemory().Length) is { } a ? (a, download.Value.Content) : null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Removes an attachment; false when it was already gone.</summary>
    public async Task<bool> RemoveAsync(string proposalId, string id, CancellationToken cancellationToken = default) =>
        (await Blob(proposalId, id).DeleteIfExistsAsync(cancellationToken: cancellationToken)).Value;

    /// <summary>
    /// Keeps a file read for a submission not yet made (a Word proposal shown for confirmation) under
    /// <c>_uploads/{id}</c>, for its uploader only; the submission then keeps it as its first attachment.
    /// </summary>
    public async Task<string> StageAsync(string name, string contentType, BinaryData content, string ownerId, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var at = time.GetUtcNow();
        var id = $"{at:yyyyMMddHHmmssfff}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant()}";
        await storage.Attachments.GetBlobClient(StagedPrefix + id).UploadAsync(content, new BlobUploadOptions
        {
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            Metadata = new Dictionary<string, string> { ["name"] = Uri.EscapeDataString(name), ["owner"] = Uri.EscapeDataString(ownerId), ["addedat"] = at.ToString("O", System.Globalization.CultureInfo.InvariantCulture) },
        }, cancellationToken);
        return id;
    }

    /// <summary>A staged file of this owner: its name, type and content; null when it is not theirs or gone.</summary>
    public async Task<(string Name, string ContentType, BinaryData Content)?> GetStagedAsync(string id, string ownerId, CancellationToken cancellationToken = default)
    {
        if (!IsWellFormedId(id))
        {
            return null;
        }

        try
        {
            var download = await storage.Attachments.GetBlobClient(StagedPrefix + id).DownloadContentAsync(cancellationToken);
            var metadata = download.Value.Details.Metadata;
            return metadata.TryGetValue("owner", out var owner) && Uri.UnescapeDataString(owner) == ownerId && metadata.TryGetValue("name", out var name)
                ? (Uri.UnescapeDataString(name), download.Value.Details.ContentType, download.Value.Content)
                : null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Where staged files are kept (a storage lifecycle rule may delete them after a day).</summary>
    public const string StagedPrefix = "_uploads/";

    /// <summary>Whether the id is one this store makes (so a request's id never names another blob).</summary>
    public static bool IsWellFormedId(string id) =>
        id is { Length: 26 } && id[17] == '-' && !id.AsSpan(0, 17).ContainsAnyExceptInRange('0', '9') && !id.AsSpan(18).ContainsAnyExcept(LowerHex);

    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    private static string Prefix(string proposalId) => $"{proposalId}/files/";

    private BlockBlobClient Blob(string proposalId, string id) => storage.Attachments.GetBlockBlobClient(Prefix(proposalId) + id);

    private static Dictionary<string, string> Metadata(Attachment a) => new()
    {
        // Metadata is ASCII: names in Chinese are kept escaped.
        ["name"] = Uri.EscapeDataString(a.Name),
        ["part"] = a.Part.ToString(),
        ["author"] = Uri.EscapeDataString(a.AuthorId),
        ["authorname"] = Uri.EscapeDataString(a.AuthorName),
        ["addedat"] = a.AddedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
    };

    private static Attachment? Read(string id, IDictionary<string, string> metadata, string? contentType, long size)
    {
        string? Get(string key) => metadata.TryGetValue(key, out var v) ? v : null;
        return Get("name") is { } name && Enum.TryParse<AttachmentPart>(Get("part"), out var part) && DateTimeOffset.TryParse(Get("addedat"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at)
            ? new Attachment(id, Uri.UnescapeDataString(name), part, contentType ?? "application/octet-stream", size, Uri.UnescapeDataString(Get("author") ?? ""), Uri.UnescapeDataString(Get("authorname") ?? ""), at)
            : null;
    }
}
