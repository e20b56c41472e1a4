using System.Security.Cryptography;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.ReadModel;
using Replies.Workflows.Storage;
using static Replies.Workflows.IntegrationTests.LifecycleHarness;

namespace Replies.Workflows.IntegrationTests;

/// <summary>办结归档 and its restore: closed items come back whole from the archive alone, and an archived package is never written over.</summary>
public sealed class ArchiveRestoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Actor DeputyActor = new(Deputy.PersonId, Deputy.Name, Role.Proposer);

    [Fact]
    public async Task Fifty_closed_items_restored_from_the_archive_into_emptied_storage_read_as_they_did()
    {
        var h = await StartAsync(azurite.ConnectionString);
        var ids = Enumerable.Range(1, 50).Select(n => $"2026-8{n:D3}").ToList();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 10 }, async (id, _) =>
        {
            await h.DriveToDraftingAsync(id, withCoHandler: id.EndsWith('1'));
            await h.DriveToApprovalAsync(id);
            await h.Expect(id, r => new ApprovalDecided(r, Leader, true));
            await h.Expect(id, r => new FeedbackGiven(r, DeputyActor, Rating.Satisfied, "答复具体"));
        });
        var archive = h.Services.GetRequiredService<ArchiveStore>();
        foreach (var id in ids)
        {
            var closed = await h.WaitForAsync(id, s => s.Stage == ProposalStage.Closed);
            await WaitForManifestAsync(archive, id, closed.Sequence);
        }

        var storage = h.Storage;
        var before = await ReadBackAsync(storage, ids);
        await h.DisposeAsync();

        // Everything but the archive is lost: every table of the app (the task hub's too) and the item blobs.
        var prefix = storage.Status.Name[..^"Status".Length];
        var tables = new TableServiceClient(azurite.ConnectionString);
        var deleted = 0;
        await foreach (var table in tables.QueryAsync())
        {
            if (table.Name.StartsWith(prefix, StringComparison.Ordinal))
            {
                await tables.DeleteTableAsync(table.Name);
                deleted++;
            }
        }

        Assert.True(deleted > 15, $"{deleted} tables deleted");

        foreach (var container in new[] { storage.Letters, storage.Drafts, storage.Proposals, storage.Attachments })
        {
            await container.DeleteIfExistsAsync();
        }

        // A new process: the app's clients create what is missing again.
        storage = new ReplyStorage(azurite.ConnectionString, prefix);
        var restore = new ArchiveRestore(archive, storage);
        var report = await restore.RestoreAsync();

        Assert.Empty(report.Problems);
        Assert.Equal((50, 50), (report.Packages, report.Restored));
        var after = await ReadBackAsync(storage, ids);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (what, value) in before)
        {
            Assert.True(value == after[what], $"{what} differs after the restore:\n{value}\n{after[what]}");
        }

        Assert.Empty((await restore.VerifyAsync()).Problems);
        // Numbers given after the restore continue after the restored ones.
        var numbering = new NumberingStore(storage);
        Assert.Equal(51, await numbering.NumberForAsync(NumberingStore.FilingScope("市人大十二届三次会议"), "2026-8999"));
        // A restore run again finds everything there and writes nothing.
        Assert.Equal(0, (await restore.RestoreAsync()).Restored);
    }

    [Fact]
    public async Task An_archived_package_is_never_written_over_and_a_check_finds_a_changed_item()
    {
        await using var h = await StartAsync(azurite.ConnectionString);
        var id = await h.DriveToDraftingAsync("2026-8100", withCoHandler: false);
        await h.DriveToApprovalAsync(id);
        await h.Expect(id, r => new ApprovalDecided(r, Leader, true));
        await h.Expect(id, r => new FeedbackGiven(r, DeputyActor, Rating.Satisfied));
        var closed = await h.WaitForAsync(id, s => s.Stage == ProposalStage.Closed);
        var archive = h.Services.GetRequiredService<ArchiveStore>();
        var manifest = await WaitForManifestAsync(archive, id, closed.Sequence);
        var drafts = (await archive.ReadAsync(manifest, "drafts.json"))!.ToString();

        // A draft saved after the close changes what archiving the item now would write: the package stands.
        await h.Drafts.SaveAsync(id, Handler.Name, "办结后改写的答复");
        var again = await archive.ArchiveAsync(id);
        Assert.Equal(manifest.ArchivedAt, again.ArchivedAt);
        Assert.Empty(await archive.VerifyAsync(manifest));

        // Even with its manifest gone, the app's writer refuses to put other content under an archived file's name.
        var manifestBlob = h.Storage.Archive.GetBlobClient($"{id}/{closed.Sequence:D4}/manifest.json");
        await manifestBlob.DeleteAsync();
        await Assert.ThrowsAsync<ArchiveConflictException>(() => archive.ArchiveAsync(id));
        Assert.Equal(drafts, (await archive.ReadAsync(manifest, "drafts.json"))!.ToString());

        // The check of live storage against the archive names what differs.
        await manifestBlob.UploadAsync(BinaryData.FromObjectAsJson(manifest, WorkflowJson.Options));
        await h.Storage.Letters.GetBlobClient(closed.Letters[0].BlobName).UploadAsync(BinaryData.FromString("不是原件"), overwrite: true);
        var problems = (await new ArchiveRestore(archive, h.Storage).VerifyAsync()).Problems;
        Assert.Equal([$"{id}：答复函{closed.Letters[0].LetterNumber}与档案不一致。"], problems);
    }

    private static async Task<ArchiveManifest> WaitForManifestAsync(ArchiveStore archive, string id, int sequence) =>
        (await Eventually.GetAsync(() => archive.GetManifestAsync(id, sequence), m => m is not null, TimeSpan.FromSeconds(60), _ => $"{id} was never archived", TimeSpan.FromMilliseconds(50)))!;

    /// <summary>What people read of the items: status, audit, letters by hash, and every list and aggregate row.</summary>
    private static async Task<Dictionary<string, string>> ReadBackAsync(ReplyStorage storage, IReadOnlyList<string> ids)
    {
        var store = new ProposalStore(storage);
        var read = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var s = (await store.GetAsync(id))!;
            read[$"{id} status"] = JsonSerializer.Serialize(s, WorkflowJson.Options);
            read[$"{id} audit"] = JsonSerializer.Serialize(await store.GetAuditAsync(id), WorkflowJson.Options);
            read[$"{id} text"] = JsonSerializer.Serialize(await store.GetTextAsync(id), WorkflowJson.Options);
            foreach (var letter in s.Letters)
            {
                read[$"{id} {letter.LetterNumber}"] = await HashAsync(storage.Letters, letter.BlobName);
            }
        }

        // The lists as the pages read them (a fresh reader: nothing cached).
        var lists = new ItemLists(storage, Options.Create(new ReadModelOptions()));
        string Json<T>(T value) => JsonSerializer.Serialize(value, WorkflowJson.Options);
        read["session"] = Json((await lists.SessionAsync("市人大十二届三次会议")).OrderBy(r => r.ProposalId));
        read["department"] = Json(await lists.DepartmentAsync(Lead));
        read["co-handler"] = Json(await lists.DepartmentAsync(CoHandler));
        // Items that ended lately stay in the open queue marked gone until the purge: transient, not restored.
        read["open"] = Json((await lists.OpenQueueAsync()).Where(r => !r.Gone).OrderBy(r => r.ProposalId));
        read["proposer"] = Json(await lists.PersonAsync(Deputy.PersonId));
        var published = new List<ItemRow>();
        await foreach (var row in lists.PublishedAsync(null))
        {
            published.Add(row);
        }

        read["published"] = Json(published);
        // The figures the reports show: per session and department, whatever the shards and zero counters.
        read["metrics"] = Json((await lists.MetricsAsync())
            .SelectMany(m => m.Counts.Where(c => c.Value != 0).Select(c => (m.Session, m.Department, c.Key, c.Value)))
            .GroupBy(c => $"{c.Session}|{c.Department}|{c.Key}", c => c.Value)
            .ToDictionary(g => g.Key, g => g.Sum())
            .OrderBy(p => p.Key, StringComparer.Ordinal));
        return read;
    }

    private static async Task<string> HashAsync(BlobContainerClient container, string name) =>
        Convert.ToHexString(SHA256.HashData((await container.GetBlobClient(name).DownloadContentAsync()).Value.Content.ToMemory().Span));
}
