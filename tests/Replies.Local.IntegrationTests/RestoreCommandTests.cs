using Azure.Data.Tables;
using Replies.Local.Hosting;
using Replies.Workflows;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Local.IntegrationTests;

/// <summary>The <c>restore</c> command an office runs, on the app's configuration: it puts a closed item back from the archive and then finds the storage agreeing with it.</summary>
public sealed class RestoreCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Restore_puts_a_lost_closed_item_back_and_verify_then_finds_nothing_amiss()
    {
        var prefix = AzuriteFixture.NewHubName("restore");
        var storage = new ReplyStorage(azurite.ConnectionString, prefix);
        await storage.EnsureCreatedAsync();
        var store = new ProposalStore(storage);
        var at = new DateTime(2026, 6, 1, 2, 0, 0, DateTimeKind.Utc);
        var closed = new ProposalSnapshot
        {
            ProposalId = "2026-0700",
            Kind = ProposalKind.Suggestion,
            Session = "市人大十二届三次会议",
            Title = "关于完善城市公共交通的建议",
            Category = "交通",
            Proposer = new Person("d1", "叶元朋"),
            Stage = ProposalStage.Closed,
            FilingNumber = 7,
            SubmittedAt = at,
            UpdatedAt = at,
            ClosedAt = at,
            Sequence = 1,
        };
        await new TransitionWriter(storage).RecordAsync(new TransitionRecord(null, closed, new AuditEntry(1, at, "c1", "周敏", "Clerk", "办结", null, ProposalStage.Closed, null), [], null));
        var archive = new ArchiveStore(storage, store, new DraftStore(storage, TimeProvider.System), new OpinionStore(storage), new AttachmentStore(storage, TimeProvider.System), TimeProvider.System);
        await archive.ArchiveAsync(closed.ProposalId);
        await new TableServiceClient(azurite.ConnectionString).DeleteTableAsync(storage.Status.Name);

        string[] settings = [$"--AzureWebJobsStorage={azurite.ConnectionString}", $"--Replies:Api:StoragePrefix={prefix}"];
        Assert.Equal(1, await RestoreCommand.RunAsync([.. settings, "--verify"]));
        Assert.Equal(0, await RestoreCommand.RunAsync(settings));
        Assert.Equal(0, await RestoreCommand.RunAsync([.. settings, "--verify"]));

        var back = await new ProposalStore(new ReplyStorage(azurite.ConnectionString, prefix)).GetAsync(closed.ProposalId);
        Assert.Equal((ProposalStage.Closed, 7), (back!.Stage, back.FilingNumber));
    }
}
