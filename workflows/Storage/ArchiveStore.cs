using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using Replies.Workflows.Lifecycle;

namespace Replies.Workflows.Storage;

/// <summary>One file of an archived package and its SHA-256.</summary>
public sealed record ArchivedFile(string Path, string Sha256, long Size);

/// <summary>What an archived package holds: the item at the sequence it closed with, and a hash of every file.</summary>
public sealed record ArchiveManifest(string ProposalId, int Sequence, ProposalStage Stage, DateTimeOffset ArchivedAt, IReadOnlyList<ArchivedFile> Files);

/// <summary>
/// Archives a closed item (办结归档) as one package under <c>{proposalId}/{sequence:D4}/</c>: its status (with the
/// feedback) and audit as JSON, its text, the co-handlers' opinions, every draft version, the issued letters and the
/// attachments, and last the manifest with their hashes, so a package without a manifest is incomplete and one with
/// it is whole. Every file is written once (<c>If-None-Match: *</c>): a repeat that finds a file checks it is the same
/// and never writes over it; the app has no way to change or delete a package, and in Azure the container's
/// immutability policy forbids it to everyone.
/// </summary>
public sealed class ArchiveStore(ReplyStorage storage, ProposalStore store, DraftStore drafts, OpinionStore opinions, AttachmentStore attachments, TimeProvider time)
{
    private const string ManifestName = "manifest.json";

    /// <summary>Archives the item as it stands now; the manifest of the package (the earlier one when archived before).</summary>
    public async Task<ArchiveManifest> ArchiveAsync(string proposalId, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var s = await store.GetAsync(proposalId, cancellationToken) ?? throw new InvalidOperationException($"{proposalId} has no status to archive.");
        var package = $"{proposalId}/{s.Sequence:D4}/";
        if (await GetManifestAsync(proposalId, s.Sequence, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var files = new List<ArchivedFile>();
        async Task PutAsync(string path, BinaryData content) => files.Add(await WriteOnceAsync(package, path, content, cancellationToken));
        BinaryData Json<T>(T value) => BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(value, WorkflowJson.Options));

        await PutAsync("status.json", Json(s));
        await PutAsync("audit.json", Json(await store.GetAuditAsync(proposalId, cancellationToken)));
        await PutAsync("text.json", Json(await store.GetTextAsync(proposalId, cancellationToken)));
        await PutAsync("opinions.json", Json(await opinions.ListAsync(proposalId, cancellationToken)));
        var versions = await drafts.ListAsync(proposalId, cancellationToken);
        await PutAsync("drafts.json", Json(versions.Select(v => new { v.Version, v.Author, v.SavedAt })));
        foreach (var v in versions)
        {
            var draft = await drafts.GetAsync(proposalId, v.Version, cancellationToken) ?? throw new InvalidOperationException($"{proposalId}: draft {v.Version} vanished while it was archived.");
            await PutAsync($"drafts/v{v.Version:D4}.txt", BinaryData.FromString(draft.Text));
        }

        foreach (var letter in s.Letters)
        {
            var content = await storage.Letters.GetBlobClient(letter.BlobName).DownloadContentAsync(cancellationToken);
            await PutAsync($"letters/{Path.GetFileName(letter.BlobName)}", content.Value.Content);
        }

        var kept = await attachments.ListAsync(proposalId, cancellationToken);
        await PutAsync("attachments.json", Json(kept));
        foreach (var a in kept)
        {
            if (await attachments.GetAsync(proposalId, a.Id, cancellationToken) is { } file)
            {
                await PutAsync($"attachments/{a.Id}", file.Content);
            }
        }

        var manifest = new ArchiveManifest(proposalId, s.Sequence, s.Stage, time.GetUtcNow(), files);
        try
        {
            await WriteOnceAsync(package, ManifestName, Json(manifest), cancellationToken);
            return manifest;
        }
        catch (ArchiveConflictException)
        {
            // A repeat whose first manifest was stored (its answer lost): that one stands.
            return (await GetManifestAsync(proposalId, s.Sequence, cancellationToken))!;
        }
    }

    /// <summary>The manifest of the package archived at <paramref name="sequence"/>, or null.</summary>
    public async Task<ArchiveManifest?> GetManifestAsync(string proposalId, int sequence, CancellationToken cancellationToken = default)
    {
        try
        {
            var content = await storage.Archive.GetBlobClient($"{proposalId}/{sequence:D4}/{ManifestName}").DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToObjectFromJson<ArchiveManifest>(WorkflowJson.Options);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Every whole package (those with a manifest), each item's latest last.</summary>
    public async IAsyncEnumerable<ArchiveManifest> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var blob in storage.Archive.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            if (blob.Name.EndsWith("/" + ManifestName, StringComparison.Ordinal))
            {
                var content = await storage.Archive.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken);
                yield return content.Value.Content.ToObjectFromJson<ArchiveManifest>(WorkflowJson.Options)!;
            }
        }
    }

    /// <summary>A file of a package, or null.</summary>
    public async Task<BinaryData?> ReadAsync(ArchiveManifest manifest, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        try
        {
            return (await storage.Archive.GetBlobClient($"{manifest.ProposalId}/{manifest.Sequence:D4}/{path}").DownloadContentAsync(cancellationToken)).Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The files of the package that are missing or no longer match their hash (none when it is whole).</summary>
    public async Task<IReadOnlyList<string>> VerifyAsync(ArchiveManifest manifest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var broken = new List<string>();
        foreach (var file in manifest.Files)
        {
            var content = await ReadAsync(manifest, file.Path, cancellationToken);
            if (content is null || Hash(content) != file.Sha256)
            {
                broken.Add(file.Path);
            }
        }

        return broken;
    }

    private async Task<ArchivedFile> WriteOnceAsync(string package, string path, BinaryData content, CancellationToken cancellationToken)
    {
        var hash = Hash(content);
        var blob = storage.Archive.GetBlobClient(package + path);
        try
        {
            await blob.UploadAsync(content, new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                Metadata = new Dictionary<string, string> { ["sha256"] = hash },
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Written before (an activity repeated): the same content stands; anything else is never written over.
            var existing = (await blob.DownloadContentAsync(cancellationToken)).Value.Content;
            if (Hash(existing) != hash)
            {
                throw new ArchiveConflictException(package + path);
            }
        }

        return new ArchivedFile(path, hash, content.ToMemory().Length);
    }

    private static string Hash(BinaryData content) => Convert.ToHexString(SHA256.HashData(content.ToMemory().Span)).ToLowerInvariant();
}

/// <summary>An archived file exists with other content: archives are never written over.</summary>
public sealed class ArchiveConflictException(string path) : Exception($"The archived file {path} exists with other content; archives are never overwritten.");
