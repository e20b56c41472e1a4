using Azure;
using Azure.Storage.Blobs.Models;

namespace Replies.Workflows.Storage;

/// <summary>
/// Attachments of a proposal or reply, each its own blob (<c>{proposalId}/{name}</c>). A second file with the same
/// name is stored beside the first (<c>name (2).ext</c>), never over it.
/// </summary>
public sealed class AttachmentStore(ReplyStorage storage, TimeProvider time)
{
    /// <summary>Stores a file and returns the blob name it got.</summary>
    public async Task<string> SaveAsync(string proposalId, string fileName, BinaryData content, string author, string contentType = "application/octet-stream", CancellationToken cancellationToken = default)
    {
        var safe = string.Concat(Path.GetFileName(fileName).Select(c => c is '/' or '\\' || char.IsControl(c) ? '_' : c));
        var stem = Path.GetFileNameWithoutExtension(safe);
        var extension = Path.GetExtension(safe);
        for (var n = 1; n < 1000; n++)
        {
            var name = $"{proposalId}/{(n == 1 ? safe : $"{stem} ({n}){extension}")}";
            try
            {
                await storage.Attachments.GetBlobClient(name).UploadAsync(content, new BlobUploadOptions
                {
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                    HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                    Metadata = new Dictionary<string, string>
                    {
                        ["author"] = Uri.EscapeDataString(author),
                        ["savedat"] = time.GetUtcNow().ToString("O"),
                    },
                }, cancellationToken);
                return name;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
            }
        }

        throw new InvalidOperationException($"Too many attachments named {safe} on {proposalId}.");
    }
}
