using System.IO.Compression;
using Microsoft.Extensions.DependencyInjection;
using Replies.Workflows.Lifecycle;
using static Replies.Workflows.IntegrationTests.LifecycleHarness;

namespace Replies.Workflows.IntegrationTests;

public sealed class NormalPathTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_suggestion_goes_from_submission_to_a_satisfied_close_with_every_record_kept()
    {
        await using var h = await StartAsync(azurite.ConnectionString);
        var id = await h.DriveToDraftingAsync("2026-0001", coSigners: [CoSigner]);
        await h.RaiseAsync(CoHandling(id), new CoHandlingOpinionSent("op1", CoHandlerStaff, "建议将项目纳入年度计划。"));
        var version = await h.DriveToApprovalAsync(id);
        await h.Expect(id, r => new ApprovalDecided(r, Leader, true));
        var replied = await h.WaitForAsync(id, s => s.Stage == ProposalStage.AwaitingFeedback);
        await h.Expect(id, r => new FeedbackGiven(r, new Actor(Deputy.PersonId, Deputy.Name, Role.Proposer), Rating.Satisfied, "答复具体"));
        var closed = await h.WaitForAsync(id, s => s.Stage == ProposalStage.Closed);

        // Status row
        Assert.Equal((Rating.Satisfied, ResultClass.B, 1), (closed.Rating, closed.ResultClass, closed.FilingNumber));
        Assert.Equal([CoSigner], closed.CoSigners);
        Assert.True(closed.RepliedOnTime);
        Assert.Equal(new DateOnly(2026, 6, 2), closed.ReplyDue);
        Assert.Equal(new DateOnly(2026, 3, 9), closed.SignOffDue);

        // Index rows
        Assert.Equal("Closed", (await RowsAsync(h.Storage.ItemsBySession, "市人大十二届三次会议")).Single().GetString("Stage"));
        Assert.Equal("lead", (await RowsAsync(h.Storage.ItemsByDepartment, Lead)).Single().GetString("Part"));
        Assert.Equal("co", (await RowsAsync(h.Storage.ItemsByDepartment, CoHandler)).Single().GetString("Part"));
        Assert.Equal("领衔", (await RowsAsync(h.Storage.ItemsByPerson, Deputy.PersonId)).Single().GetString("Part"));
        Assert.Equal("联名", (await RowsAsync(h.Storage.ItemsByPerson, CoSigner.PersonId)).Single().GetString("Part"));
        Assert.True((await OpenRowAsync(h, id)).GetBoolean("Gone"));

        // Audit rows: who, what, from which stage to which
        var audit = await h.Store.GetAuditAsync(id);
        Assert.Equal(Enumerable.Range(1, audit.Count), audit.Select(a => a.Sequence));
        Assert.Equal(
            ["提交", "确认联名", "立案", "交办", "主办单位签收", "记录沟通", "送审", "审签同意并答复", "反馈满意，办结"],
            audit.Select(a => a.Action));
        Assert.Contains(audit, a => a.Action == "送审" && a.From == ProposalStage.Drafting && a.To == ProposalStage.AwaitingApproval && a.ActorName == Handler.Name);

        // Draft blob with author and time; the letter blob with the layout's parts
        var draft = await h.Drafts.GetAsync(id, version);
        Assert.Equal(Handler.Name, draft!.Author);
        var letter = Assert.Single(replied.Letters);
        Assert.Equal("政办函〔2026〕1号", letter.LetterNumber);
        var docx = await h.Storage.Letters.GetBlobClient(letter.BlobName).DownloadContentAsync();
        using var zip = new ZipArchive(docx.Value.Content.ToStream());
        var xml = new StreamReader(zip.GetEntry("word/document.xml")!.Open()).ReadToEnd();
        // Named once, by its filing number in its session; no 签发人 on a reply to a deputy.
        Assert.Matches("对市人大十二届三次会议第\\d+号建议的答复", xml);
        Assert.Contains("叶元朋代表：", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("签发人", xml, StringComparison.Ordinal);
        Assert.Contains("抄送：市发改委。", xml, StringComparison.Ordinal);
        Assert.Contains("承办人：张承办", xml, StringComparison.Ordinal);

        // Every proposer gets the reply; the co-handler's opinion reached the lead's view
        Assert.Contains(await h.NotificationsAsync(Recipients.Person(Deputy.PersonId)), m => m.Contains("已答复", StringComparison.Ordinal));
        Assert.Contains(await h.NotificationsAsync(Recipients.Person(CoSigner.PersonId)), m => m.Contains("已答复", StringComparison.Ordinal));
        var opinion = (await RowsAsync(h.Storage.Opinions, id)).Single();
        Assert.Equal(("建议将项目纳入年度计划。", false), (opinion.GetString("Opinion"), opinion.GetBoolean("Late")));

        // 办结归档: one package of every record, whole by its hashes; archiving again keeps it as it is.
        var archive = h.Services.GetRequiredService<Storage.ArchiveStore>();
        var manifest = await Eventually.GetAsync(() => archive.GetManifestAsync(id, closed.Sequence), m => m is not null, TimeSpan.FromSeconds(20), _ => $"{id} was never archived", TimeSpan.FromMilliseconds(50));
        Assert.NotNull(manifest);
        Assert.Equal(ProposalStage.Closed, manifest.Stage);
        Assert.Contains(manifest.Files, f => f.Path == "letters/" + Path.GetFileName(letter.BlobName));
        Assert.Contains(manifest.Files, f => f.Path == $"drafts/v{version:D4}.txt");
        Assert.Contains(manifest.Files, f => f.Path == "opinions.json");
        Assert.Empty(await archive.VerifyAsync(manifest));
        var archived = (await archive.ReadAsync(manifest, "status.json"))!.ToObjectFromJson<ProposalSnapshot>(WorkflowJson.Options)!;
        Assert.Equal((Rating.Satisfied, closed.Sequence), (archived.Rating, archived.Sequence));
        var again = await archive.ArchiveAsync(id);
        Assert.Equal((manifest.ArchivedAt, manifest.Files), (again.ArchivedAt, again.Files), new ManifestComparer());
    }

    private sealed class ManifestComparer : IEqualityComparer<(DateTimeOffset, IReadOnlyList<Storage.ArchivedFile>)>
    {
        public bool Equals((DateTimeOffset, IReadOnlyList<Storage.ArchivedFile>) x, (DateTimeOffset, IReadOnlyList<Storage.ArchivedFile>) y) =>
            x.Item1 == y.Item1 && x.Item2.SequenceEqual(y.Item2);

        public int GetHashCode((DateTimeOffset, IReadOnlyList<Storage.ArchivedFile>) obj) => obj.Item1.GetHashCode();
    }

    [Fact]
    public async Task A_returned_draft_goes_back_to_drafting_and_the_new_version_is_approved()
    {
        await using var h = await StartAsync(azurite.ConnectionString);
        var id = await h.DriveToDraftingAsync("2026-0002", withCoHandler: false);
        var first = await h.DriveToApprovalAsync(id);

        var refusal = await h.SendAsync(id, r => new ApprovalDecided(r, Leader, false));
        Assert.False(refusal.Accepted);
        Assert.Contains("意见", refusal.Reason, StringComparison.Ordinal);
        await h.Expect(id, r => new ApprovalDecided(r, Leader, false, "请补充下一步打算的具体措施"));
        var returned = await h.WaitForAsync(id, s => s.Stage == ProposalStage.Drafting);
        Assert.Equal("请补充下一步打算的具体措施", returned.ReturnComments);

        var second = await h.Drafts.SaveAsync(id, Handler.Name, "修改稿：一、工作开展情况\n二、下一步打算：设立专项资金。");
        await h.Expect(id, r => new SubmittedForApproval(r, Handler, second, ResultClass.A, Disclosure.Summary));
        await h.Expect(id, r => new ApprovalDecided(r, Leader, true));
        var replied = await h.WaitForAsync(id, s => s.Stage == ProposalStage.AwaitingFeedback);

        Assert.Equal((1, 2), (first, second));
        Assert.Equal([1, 2], (await h.Drafts.ListAsync(id)).Select(d => d.Version));
        Assert.Equal(2, replied.Letters.Single().DraftVersion);
        Assert.Contains(await h.Store.GetAuditAsync(id), a => a.Action == "退回修改" && a.From == ProposalStage.AwaitingApproval && a.To == ProposalStage.Drafting);
    }

    [Fact]
    public async Task A_draft_cannot_go_for_approval_before_the_proposer_was_contacted_unless_the_profile_says_so()
    {
        await using var strict = await StartAsync(azurite.ConnectionString);
        var id = await strict.DriveToDraftingAsync("2026-0003", withCoHandler: false);
        var v = await strict.Drafts.SaveAsync(id, Handler.Name, "答复稿");
        var refused = await strict.SendAsync(id, r => new SubmittedForApproval(r, Handler, v, ResultClass.B, Disclosure.Full));
        Assert.False(refused.Accepted);
        Assert.Contains("沟通", refused.Reason, StringComparison.Ordinal);

        await using var lenient = await StartAsync(azurite.ConnectionString, new Rules.RulesProfile { ContactRequired = false });
        var other = await lenient.DriveToDraftingAsync("2026-0004", withCoHandler: false);
        var v2 = await lenient.Drafts.SaveAsync(other, Handler.Name, "答复稿");
        await lenient.Expect(other, r => new SubmittedForApproval(r, Handler, v2, ResultClass.B, Disclosure.Full));
    }

    [Fact]
    public async Task Clerk_review_when_the_profile_asks_for_it_may_change_the_result_class()
    {
        await using var h = await StartAsync(azurite.ConnectionString, new Rules.RulesProfile { ClerkReviewBeforeIssue = true });
        var id = await h.DriveToDraftingAsync("2026-0005", withCoHandler: false);
        await h.DriveToApprovalAsync(id);
        await h.Expect(id, r => new ApprovalDecided(r, Leader, true));
        await h.WaitForAsync(id, s => s.Stage == ProposalStage.AwaitingClerkReview);
        await h.Expect(id, r => new ClerkReviewed(r, Clerk, true, ResultClass.C, "列入以后解决"));

        var replied = await h.WaitForAsync(id, s => s.Stage == ProposalStage.AwaitingFeedback);
        Assert.Equal(ResultClass.C, replied.ResultClass);
    }

    [Fact]
    public async Task Drafts_and_attachments_are_never_overwritten()
    {
        await using var h = await StartAsync(azurite.ConnectionString);
        var attachments = new Storage.AttachmentStore(h.Storage, h.Clock);

        var versions = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => h.Drafts.SaveAsync("2026-0009", Handler.Name, $"第{i}稿")));
        var first = await attachments.SaveAsync("2026-0009", "调研报告.docx", Storage.AttachmentPart.Proposal, "application/pdf", BinaryData.FromString("a").ToStream(), "p1", Handler.Name);
        var second = await attachments.SaveAsync("2026-0009", "调研报告.docx", Storage.AttachmentPart.Proposal, "application/pdf", BinaryData.FromString("b").ToStream(), "p1", Handler.Name);

        Assert.Equal([1, 2, 3, 4, 5], versions.Order());
        Assert.Equal(5, (await h.Drafts.ListAsync("2026-0009")).Select(d => d.Version).Distinct().Count());
        Assert.NotEqual(first.Id, second.Id);
        var listed = await attachments.ListAsync("2026-0009");
        Assert.Equal(["调研报告.docx", "调研报告.docx"], listed.Select(a => a.Name));
        Assert.Equal("a", (await attachments.GetAsync("2026-0009", first.Id))!.Value.Content.ToString());
        Assert.Equal("b", (await attachments.GetAsync("2026-0009", second.Id))!.Value.Content.ToString());
        // Written once: a second write under an id already taken is refused by storage itself.
        var again = h.Storage.Attachments.GetBlobClient($"2026-0009/files/{first.Id}");
        var refused = await Assert.ThrowsAsync<Azure.RequestFailedException>(() => again.UploadAsync(BinaryData.FromString("c"), new Azure.Storage.Blobs.Models.BlobUploadOptions { Conditions = new Azure.Storage.Blobs.Models.BlobRequestConditions { IfNoneMatch = Azure.ETag.All } }));
        Assert.Equal(409, refused.Status);
    }

    private static string CoHandling(string id) => CoHandlingOpinion.InstanceIdFor(id, CoHandler);
}
