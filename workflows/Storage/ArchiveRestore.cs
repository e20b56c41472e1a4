using System.Security.Cryptography;
using System.Text.Json;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.ReadModel;

namespace Replies.Workflows.Storage;

/// <summary>What a restore or a check did: the packages read, the items written, and what did not agree (in Chinese, for the office).</summary>
public sealed record RestoreReport(int Packages, int Restored, IReadOnlyList<string> Problems);

/// <summary>
/// Rebuilds closed items from the archive (<see cref="ArchiveStore"/>) into an application's storage, or checks that
/// storage against it: for each item its latest whole package, whose files must match their manifest hashes. A restore
/// writes the status and list rows and the aggregates (<see cref="BulkLoad"/>, which replaces aggregates, so restore
/// into an account without items), the audit trail, the text, the co-handlers' opinions, every draft version, the
/// letters, the attachments, and the filing and letter numbers, so numbers given later continue after them. An item
/// already stored at the archived sequence or later is left as it is. Notices are not restored: they were delivered.
/// </summary>
public sealed class ArchiveRestore(ArchiveStore archive, ReplyStorage target)
{
    private readonly ProposalStore _store = new(target);
    private readonly TransitionWriter _writer = new(target);
    private readonly DraftStore _drafts = new(target, TimeProvider.System);
    private readonly OpinionStore _opinions = new(target);
    private readonly AttachmentStore _attachments = new(target, TimeProvider.System);
    private readonly NumberingStore _numbering = new(target);

    /// <summary>Restores every archived item that the target does not hold yet.</summary>
    public async Task<RestoreReport> RestoreAsync(CancellationToken cancellationToken = default)
    {
        await target.EnsureCreatedAsync(cancellationToken);
        var problems = new List<string>();
        var restored = new List<ProposalSnapshot>();
        var packages = await LatestAsync(cancellationToken);
        foreach (var manifest in packages)
        {
            if (await archive.VerifyAsync(manifest, cancellationToken) is { Count: > 0 } broken)
            {
                problems.Add($"{manifest.ProposalId}：档案包第{manifest.Sequence}号文件缺失或与清单不符（{string.Join("、", broken)}），未恢复。");
                continue;
            }

            var package = await PackageReader.ReadAsync(archive, manifest, cancellationToken);
            if (await _store.GetAsync(manifest.ProposalId, cancellationToken) is { } stored && stored.Sequence >= manifest.Sequence)
            {
                continue;
            }

            await RestoreItemAsync(package, cancellationToken);
            restored.Add(package.Status);
        }

        await BulkLoad.WriteAsync(target, restored, cancellationToken: cancellationToken);
        return new RestoreReport(packages.Count, restored.Count, problems);
    }

    /// <summary>Checks the target against the archive: every item, its audit, drafts, letters and attachments as archived.</summary>
    public async Task<RestoreReport> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        var packages = await LatestAsync(cancellationToken);
        foreach (var manifest in packages)
        {
            var id = manifest.ProposalId;
            if (await archive.VerifyAsync(manifest, cancellationToken) is { Count: > 0 } broken)
            {
                problems.Add($"{id}：档案包第{manifest.Sequence}号文件缺失或与清单不符（{string.Join("、", broken)}）。");
                continue;
            }

            var package = await PackageReader.ReadAsync(archive, manifest, cancellationToken);
            var stored = await _store.GetAsync(id, cancellationToken);
            if (stored is null)
            {
                problems.Add($"{id}：库中没有此件。");
                continue;
            }

            if (stored.Sequence != manifest.Sequence)
            {
                // Re-handled after it was archived: the live item has moved on, and is archived again when it closes.
                problems.Add($"{id}：库中为第{stored.Sequence}步，档案为第{manifest.Sequence}步。");
                continue;
            }

            problems.AddRange(Differences(id, "状态", Json(stored), Json(package.Status)));
            problems.AddRange(Differences(id, "办理记录", Json(await _store.GetAuditAsync(id, cancellationToken)), Json(package.Audit)));
            foreach (var (letter, content) in package.Letters)
            {
                var live = await target.Letters.GetBlobClient(letter.BlobName).ExistsAsync(cancellationToken)
                    ? (await target.Letters.GetBlobClient(letter.BlobName).DownloadContentAsync(cancellationToken)).Value.Content
                    : null;
                problems.AddRange(Differences(id, $"答复函{letter.LetterNumber}", live is null ? "" : Hash(live), Hash(content)));
            }

            foreach (var draft in package.Drafts)
            {
                var live = await _drafts.GetAsync(id, draft.Version, cancellationToken);
                problems.AddRange(Differences(id, $"第{draft.Version}稿", live?.Text ?? "", draft.Text));
            }

            foreach (var (attachment, content) in package.Attachments)
            {
                var live = await _attachments.GetAsync(id, attachment.Id, cancellationToken);
                problems.AddRange(Differences(id, $"附件“{attachment.Name}”", live is { } l ? Hash(l.Content) : "", Hash(content)));
            }
        }

        return new RestoreReport(packages.Count, 0, problems);
    }

    private async Task RestoreItemAsync(Package package, CancellationToken cancellationToken)
    {
        var s = package.Status;
        var id = s.ProposalId;
        await _writer.RestoreAsync(id, package.Audit, package.Text, cancellationToken);
        foreach (var opinion in package.Opinions)
        {
            await _opinions.SaveAsync(opinion, cancellationToken);
        }

        foreach (var draft in package.Drafts)
        {
            await _drafts.RestoreAsync(id, draft, cancellationToken);
        }

        foreach (var (letter, content) in package.Letters)
        {
            await RenderReplyLetter.StoreOnceAsync(target, letter, content, cancellationToken);
            if (RenderReplyLetter.NumberOf(id, letter) is { } number)
            {
                await _numbering.RestoreAsync(number.Scope, number.Key, number.Number, cancellationToken);
            }
        }

        foreach (var (attachment, content) in package.Attachments)
        {
            await _attachments.RestoreAsync(id, attachment, content, cancellationToken);
        }

        if (s.FilingNumber is { } filing)
        {
            await _numbering.RestoreAsync(NumberingStore.FilingScope(s.Session), id, filing, cancellationToken);
        }
    }

    /// <summary>Each item's latest whole package.</summary>
    private async Task<IReadOnlyList<ArchiveManifest>> LatestAsync(CancellationToken cancellationToken)
    {
        var latest = new Dictionary<string, ArchiveManifest>(StringComparer.Ordinal);
        await foreach (var manifest in archive.ListAsync(cancellationToken))
        {
            if (!latest.TryGetValue(manifest.ProposalId, out var seen) || seen.Sequence < manifest.Sequence)
            {
                latest[manifest.ProposalId] = manifest;
            }
        }

        return [.. latest.Values.OrderBy(m => m.ProposalId, StringComparer.Ordinal)];
    }

    private static IEnumerable<string> Differences(string id, string what, string live, string archived) =>
        live == archived ? [] : [$"{id}：{what}与档案不一致。"];

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, WorkflowJson.Options);

    private static string Hash(BinaryData content) => Convert.ToHexString(SHA256.HashData(content.ToMemory().Span));

    private sealed record Package(
        ProposalSnapshot Status,
        IReadOnlyList<AuditEntry> Audit,
        ProposalText? Text,
        IReadOnlyList<OpinionRecord> Opinions,
        IReadOnlyList<DraftVersion> Drafts,
        IReadOnlyList<(LetterInfo Letter, BinaryData Content)> Letters,
        IReadOnlyList<(Attachment Attachment, BinaryData Content)> Attachments);

    /// <summary>Reads a package's files back into the records they were written from.</summary>
    private static class PackageReader
    {
        public static async Task<Package> ReadAsync(ArchiveStore archive, ArchiveManifest manifest, CancellationToken cancellationToken)
        {
            async Task<BinaryData> FileAsync(string path) =>
                await archive.ReadAsync(manifest, path, cancellationToken) ?? throw new InvalidOperationException($"{manifest.ProposalId}: {path} is not in the archive.");
            async Task<T> JsonAsync<T>(string path) => (await FileAsync(path)).ToObjectFromJson<T>(WorkflowJson.Options)!;

            var status = await JsonAsync<ProposalSnapshot>("status.json");
            var drafts = new List<DraftVersion>();
            foreach (var d in await JsonAsync<List<DraftVersion>>("drafts.json"))
            {
                drafts.Add(d with { Text = (await FileAsync($"drafts/v{d.Version:D4}.txt")).ToString() });
            }

            var letters = new List<(LetterInfo, BinaryData)>();
            foreach (var letter in status.Letters)
            {
                letters.Add((letter, await FileAsync($"letters/{Path.GetFileName(letter.BlobName)}")));
            }

            var attachments = new List<(Attachment, BinaryData)>();
            foreach (var a in await JsonAsync<List<Attachment>>("attachments.json"))
            {
                attachments.Add((a, await FileAsync($"attachments/{a.Id}")));
            }

            return new Package(
                status,
                await JsonAsync<List<AuditEntry>>("audit.json"),
                await archive.ReadAsync(manifest, "text.json", cancellationToken) is { } text ? text.ToObjectFromJson<ProposalText?>(WorkflowJson.Options) : null,
                await JsonAsync<List<OpinionRecord>>("opinions.json"),
                drafts,
                letters,
                attachments);
        }
    }
}
