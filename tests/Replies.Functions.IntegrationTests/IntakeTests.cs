using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Replies.Workflows;
using Replies.Workflows.Storage;

namespace Replies.Functions.IntegrationTests;

/// <summary>
/// Intake as offices work: a proposal read from Word with its original kept, attachments checked by content and
/// seen only by those who may see the item, entry by a clerk on a deputy's behalf, the session of the proposer's
/// body, and reading what was submitted at once.
/// </summary>
public sealed class IntakeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string[] Asks =
    [
        "设立市级科技成果转化引导基金，重点支持中小企业承接高校科研成果。",
        "建设一批中试熟化平台，向中小企业开放共享仪器设备。",
        "完善科技成果评价机制，把转化成效纳入科研人员职称评审。",
    ];

    [Fact]
    public async Task A_word_file_becomes_a_proposal_with_its_numbered_asks_and_the_original_as_its_first_attachment()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        var word = WordFiles.Proposal("关于加快科技成果转化的建议", "我市高校和科研院所科技成果丰富，但本地转化率不高，中小企业承接能力不足。", Asks);

        var read = await UploadAsync(host, ApiHost.Deputy, "/api/proposals/word", word, "科技成果转化建议.docx");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var json = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("关于加快科技成果转化的建议", json.GetProperty("title").GetString());
        Assert.Equal(Asks, json.GetProperty("asks").EnumerateArray().Select(a => a.GetString()!.TrimEnd('。') + "。"));
        Assert.Contains("企业数", json.GetProperty("body").GetString(), StringComparison.Ordinal);

        var submitted = await host.PostAsync(ApiHost.Deputy, "/api/proposals", new
        {
            title = json.GetProperty("title").GetString(),
            body = json.GetProperty("body").GetString(),
            asks = json.GetProperty("asks"),
            category = "科技创新",
            upload = json.GetProperty("upload").GetString(),
        });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await host.WaitForAsync(id, s => s.Sequence >= 1);

        Assert.Equal(Asks.Length, (await host.Store.GetTextAsync(id))!.Asks!.Count);
        var files = await host.GetJsonAsync(ApiHost.Deputy, $"/api/proposals/{id}/attachments");
        var first = files.EnumerateArray().First();
        Assert.Equal("科技成果转化建议.docx", first.GetProperty("name").GetString());
        var download = await (await host.AsAsync(ApiHost.Deputy)).GetAsync(first.GetProperty("download").GetString());
        Assert.Equal(word, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Files_over_the_limit_with_a_lying_name_or_of_an_unknown_type_are_refused_in_chinese_and_nothing_is_stored()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString, false, "--Replies:Intake:MaxAttachmentBytes=1048576");
        var id = await host.SubmitAsync(ApiHost.Deputy);
        var exe = new byte[4096];
        "MZ"u8.CopyTo(exe);
        var pdf = new byte[1100 * 1024];
        "%PDF-1.7"u8.CopyTo(pdf);
        using var zipped = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zipped, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = archive.CreateEntry("setup.exe").Open();
            await entry.WriteAsync(exe);
        }
        var cases = new (byte[] Content, string Name, string Expect)[]
        {
            (pdf, "调研报告.pdf", "超过"),
            (exe, "调研报告.pdf", "不是可接受的文件类型"),
            (WordFiles.Png, "现场照片.pdf", "与扩展名"),
            ([0x7F, (byte)'E', (byte)'L', (byte)'F', 0, 0, 1, 2], "数据", "不是可接受的文件类型"),
        };
        foreach (var (content, name, expect) in cases)
        {
            var response = await UploadAsync(host, ApiHost.Deputy, $"/api/proposals/{id}/attachments", content, name);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains(expect, problem.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        }

        // A zip that is not an Office document is refused by what is in it, not by its name.
        var zip = await UploadAsync(host, ApiHost.Deputy, $"/api/proposals/{id}/attachments", zipped.ToArray(), "报告.docx");
        Assert.Equal(HttpStatusCode.BadRequest, zip.StatusCode);
        Assert.Empty(await host.Services.GetRequiredService<AttachmentStore>().ListAsync(id));

        // Names as hostile clients send them: folders, line breaks, a right-to-left override hiding .exe, nothing at all.
        var names = new (string Sent, string? Kept)[]
        {
            ("..\\..\\windows\\system32\\调研.pdf", "调研.pdf"),
            ("/etc/passwd/../调研\r\n报告.pdf", "调研报告.pdf"),
            ("\u202Efdp.exe", null),
            ("..", null),
            (new string('长', 300) + ".pdf", new string('长', 96) + ".pdf"),
        };
        foreach (var (sent, kept) in names)
        {
            var response = await UploadAsync(host, ApiHost.Deputy, $"/api/proposals/{id}/attachments", "%PDF-1.4\n%%EOF"u8.ToArray(), sent);
            Assert.True(kept is null ? response.StatusCode == HttpStatusCode.BadRequest : response.StatusCode == HttpStatusCode.Created, $"{sent}: {(int)response.StatusCode}");
        }

        Assert.Equal(names.Where(n => n.Kept is not null).Select(n => n.Kept), (await host.Services.GetRequiredService<AttachmentStore>().ListAsync(id)).Select(a => a.Name));
    }

    [Fact]
    public async Task Another_deputy_cannot_download_an_attachment_while_the_handler_can_and_only_its_adder_removes_it_before_filing()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        var id = await host.SubmitAsync(ApiHost.Deputy);
        var pdf = "%PDF-1.4\n调研数据\n%%EOF"u8.ToArray();
        var added = await UploadAsync(host, ApiHost.Deputy, $"/api/proposals/{id}/attachments", pdf, "../../etc/调研\u0007报告.pdf");
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var file = await added.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("调研报告.pdf", file.GetProperty("name").GetString());
        var download = file.GetProperty("download").GetString()!;
        var second = await UploadAsync(host, ApiHost.Deputy, $"/api/proposals/{id}/attachments", pdf, "补充.pdf");
        var secondDownload = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("download").GetString()!;

        Assert.Equal(HttpStatusCode.NotFound, (await (await host.AsAsync(ApiHost.Deputy2)).GetAsync(download)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await host.AsAsync(ApiHost.Clerk)).DeleteAsync(secondDownload)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await (await host.AsAsync(ApiHost.Deputy)).DeleteAsync(secondDownload)).StatusCode);

        await host.OkAsync(ApiHost.Clerk, $"/api/proposals/{id}/filing", new { decision = "File" });
        await host.OkAsync(ApiHost.Clerk, $"/api/proposals/{id}/assignment", new { leadDepartment = ApiHost.Lead });
        var handler = await (await host.AsAsync(ApiHost.Handler)).GetAsync(download);
        Assert.Equal(HttpStatusCode.OK, handler.StatusCode);
        Assert.Equal(pdf, await handler.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", handler.Content.Headers.ContentType?.MediaType);
        Assert.Equal("调研报告.pdf", handler.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(HttpStatusCode.NotFound, (await (await host.AsAsync(ApiHost.OtherHandler)).GetAsync(download)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await (await host.AsAsync(ApiHost.Deputy)).DeleteAsync(download)).StatusCode);
        Assert.Single(await host.Services.GetRequiredService<AttachmentStore>().ListAsync(id));
        Assert.Equal(HttpStatusCode.Conflict, (await UploadAsync(host, ApiHost.Deputy, $"/api/proposals/{id}/attachments", pdf, "再补充.pdf")).StatusCode);

        // The reply's files: the lead department adds them while drafting; the proposer sees them once a reply is issued.
        Assert.Equal(HttpStatusCode.Conflict, (await UploadAsync(host, ApiHost.Handler, $"/api/proposals/{id}/attachments", pdf, "答复附表.pdf", "reply")).StatusCode);
        await host.OkAsync(ApiHost.Handler, $"/api/proposals/{id}/sign-for");
        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(host, ApiHost.Deputy, $"/api/proposals/{id}/attachments", pdf, "答复附表.pdf", "reply")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(host, ApiHost.Handler, $"/api/proposals/{id}/attachments", pdf, "答复附表.pdf", "reply")).StatusCode);
        Assert.Single((await host.GetJsonAsync(ApiHost.Deputy, $"/api/proposals/{id}/attachments")).EnumerateArray());
        Assert.Equal(2, (await host.GetJsonAsync(ApiHost.Handler, $"/api/proposals/{id}/attachments")).GetArrayLength());
        await host.DriveToReplyAsync(id);
        var seen = await host.GetJsonAsync(ApiHost.Deputy, $"/api/proposals/{id}");
        Assert.Contains(seen.GetProperty("attachments").EnumerateArray(), a => a.GetProperty("part").GetString() == "Reply" && a.GetProperty("name").GetString() == "答复附表.pdf");
    }

    [Fact]
    public async Task The_submission_form_reads_a_word_file_for_confirmation_and_the_proposer_lands_on_the_item_with_the_original_attached()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        using var browser = await host.SignedInBrowserAsync(ApiHost.Deputy);
        var form = await browser.GetStringAsync("/submit");
        var word = WordFiles.Proposal("关于加快科技成果转化的建议", "我市高校和科研院所科技成果丰富，但本地转化率不高，中小企业承接能力不足。", Asks);
        using var read = new MultipartFormDataContent
        {
            { new StringContent(SignedForms.Token(form)), SignedForms.TokenField },
            { new StringContent("k-word-1"), "Key" },
            { new ByteArrayContent(word), "word", "建议原稿.docx" },
            { new StringContent("读取"), "read" },
        };
        var shown = await (await browser.PostAsync("/submit", read)).Content.ReadAsStringAsync();
        Assert.Contains("已从“建议原稿.docx”读取标题、正文和 3 条建议事项", shown, StringComparison.Ordinal);
        Assert.Contains("value=\"关于加快科技成果转化的建议\"", shown, StringComparison.Ordinal);
        Assert.Contains(Asks[1], shown, StringComparison.Ordinal);
        var upload = System.Text.RegularExpressions.Regex.Match(shown, "name=\"Input.Upload\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(upload);

        var fields = new Dictionary<string, string>
        {
            ["Key"] = "k-word-1",
            ["Input.Title"] = "关于加快科技成果转化的建议",
            ["Input.Body"] = "我市高校和科研院所科技成果丰富，但本地转化率不高。为此，建议：1．设立引导基金。2．建设中试平台。",
            ["Input.Category"] = "科技创新",
            ["Input.Upload"] = upload,
        };
        var submitted = await browser.PostAsync("/submit", SignedForms.Of(shown, fields));
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var item = submitted.Headers.Location!.OriginalString;
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(item)).StatusCode);
        var id = item.Split('/')[^1];
        Assert.Equal("建议原稿.docx", (await host.Services.GetRequiredService<AttachmentStore>().ListAsync(id))[0].Name);
    }

    [Fact]
    public async Task A_clerk_enters_a_proposal_for_a_deputy_who_finds_it_as_theirs_and_the_audit_names_the_clerk()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        var response = await host.PostAsync(ApiHost.Clerk, "/api/proposals", new { title = "关于改善老旧小区加装电梯的建议", body = "老旧小区居民出行困难，建议简化加装电梯审批流程，加大财政补贴力度。", category = "城乡建设", proposer = ApiHost.Deputy, coSigners = new[] { ApiHost.Deputy2 } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var stored = await host.WaitForAsync(id, s => s.Sequence >= 1);
        Assert.Equal(ApiHost.Deputy, stored.Proposer.PersonId);
        Assert.Equal(ProposalStage.CoSigning, stored.Stage);

        var mine = await host.GetJsonAsync(ApiHost.Deputy, "/api/me/proposals");
        Assert.Contains(mine.EnumerateArray(), i => i.GetProperty("item").GetProperty("id").GetString() == id && i.GetProperty("part").GetString() is { Length: > 0 });
        var first = (await host.Store.GetAuditAsync(id))[0];
        Assert.Equal("周敏", first.ActorName);
        Assert.Contains("代", first.Action, StringComparison.Ordinal);
        // The co-signer is asked as usual.
        await host.OkAsync(ApiHost.Deputy2, $"/api/proposals/{id}/cosign", new { confirmed = true });

        // A deputy cannot enter for someone else; a clerk must name whom for.
        Assert.Equal(HttpStatusCode.Forbidden, (await host.PostAsync(ApiHost.Deputy, "/api/proposals", new { title = "关于改善老旧小区加装电梯的建议", body = "老旧小区居民出行困难，建议简化加装电梯审批流程。", category = "城乡建设", proposer = ApiHost.Deputy2 })).StatusCode);
        var unnamed = await host.PostAsync(ApiHost.Clerk, "/api/proposals", new { title = "关于改善老旧小区加装电梯的建议", body = "老旧小区居民出行困难，建议简化加装电梯审批流程。", category = "城乡建设" });
        Assert.Equal(HttpStatusCode.BadRequest, unnamed.StatusCode);
        Assert.True((await unnamed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("proposer", out _));
    }

    [Fact]
    public async Task A_proposer_who_prefers_paper_has_notices_passed_on_by_the_clerk_office()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        var deputy2 = (await host.GetJsonAsync(ApiHost.Admin, "/api/directory/people")).EnumerateArray().First(p => p.GetProperty("personId").GetString() == ApiHost.Deputy2);
        await host.OkPutAsync(ApiHost.Admin, $"/api/directory/people/{ApiHost.Deputy2}", new { name = deputy2.GetProperty("name").GetString(), role = "Proposer", kind = "Suggestion", delegation = "城区代表团", prefersPaper = true });
        var id = await host.SubmitAsync(ApiHost.Deputy, coSigners: [ApiHost.Deputy2]);

        var passedOn = await Eventually.GetAsync(
            async () =>
            {
                var notices = await Workflows.Notices.NoticeOutbox.ListAsync(host.Storage, Workflows.Lifecycle.Recipients.ClerkOffice);
                return notices.FirstOrDefault(n => n.ProposalId == id && n.Message.Contains("请转交", StringComparison.Ordinal))?.Message;
            },
            message => message is not null,
            TimeSpan.FromSeconds(30),
            _ => "the clerk office was never asked to pass the letter on");
        Assert.Contains("联名", passedOn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_members_proposal_into_the_peoples_congress_session_is_refused_with_a_chinese_field_error()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        var response = await host.PostAsync(ApiHost.Member, "/api/proposals", new { title = "关于加强生态环境保护的提案", body = "建议加强流域综合治理，完善生态补偿机制，推进绿色低碳发展。", category = "生态环境", session = "市人大十二届三次会议" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("session")[0].GetString();
        Assert.Contains("政协委员提案须提交到政协会议", message, StringComparison.Ordinal);
        var deputy = await host.PostAsync(ApiHost.Deputy, "/api/proposals", new { title = "关于加强生态环境保护的建议", body = "建议加强流域综合治理，完善生态补偿机制，推进绿色低碳发展。", category = "生态环境", session = "市政协十三届三次会议" });
        Assert.Equal(HttpStatusCode.BadRequest, deputy.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await host.PostAsync(ApiHost.Member, "/api/proposals", new { title = "关于加强生态环境保护的提案", body = "建议加强流域综合治理，完善生态补偿机制，推进绿色低碳发展。", category = "生态环境", session = "市政协十三届三次会议" })).StatusCode);
    }

    [Fact]
    public async Task A_client_following_the_submissions_location_at_once_never_gets_404_and_hostile_word_files_are_refused()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        var deputy = await host.AsAsync(ApiHost.Deputy);
        for (var i = 0; i < 10; i++)
        {
            var submitted = await host.PostAsync(ApiHost.Deputy, "/api/proposals", new { title = $"关于加强社区养老服务的建议{i}", body = "建议加快社区嵌入式养老服务设施建设，完善居家养老支持政策。", category = "社会保障" });
            Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
            var at = submitted.Headers.Location!.OriginalString;
            var read = await deputy.GetAsync(at);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            var stage = (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("summary").GetProperty("stage").GetString();
            Assert.Contains(stage, new[] { "Registering", "FilingReview" });
        }

        // A file that expands to 1 GB, one of 100,000 paragraphs: refused with a reason, quickly, nothing kept.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        foreach (var (content, expect) in new[] { (WordFiles.Bomb(1L << 30), "过大"), (WordFiles.Paragraphs(100_000), "段") })
        {
            var response = await UploadAsync(host, ApiHost.Deputy, "/api/proposals/word", content, "建议.docx");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(expect, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"hostile files took {watch.Elapsed}");
    }

    [Fact]
    public async Task The_item_page_adds_and_removes_a_file_with_its_form_token_and_refuses_a_form_without_one()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        var id = await host.SubmitAsync(ApiHost.Deputy);
        var store = host.Services.GetRequiredService<AttachmentStore>();
        using var browser = await host.SignedInBrowserAsync(ApiHost.Deputy);
        var page = await browser.GetStringAsync($"/items/{id}");
        Assert.Contains("添加附件", page, StringComparison.Ordinal);
        var pdf = "%PDF-1.4\n现场调研记录\n%%EOF"u8.ToArray();
        MultipartFormDataContent Form(string? token)
        {
            var form = new MultipartFormDataContent { { new ByteArrayContent(pdf), "file", "现场调研记录.pdf" }, { new StringContent("Proposal"), "part" } };
            if (token is not null)
            {
                form.Add(new StringContent(token), SignedForms.TokenField);
            }

            return form;
        }

        using (var forged = Form("forged"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync($"/items/{id}/attachments", forged)).StatusCode);
        }

        Assert.Empty(await store.ListAsync(id));
        using (var signed = Form(SignedForms.Token(page)))
        {
            var added = await browser.PostAsync($"/items/{id}/attachments", signed);
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
            Assert.Equal($"/items/{id}#attachments", added.Headers.Location!.OriginalString);
        }

        var file = Assert.Single(await store.ListAsync(id));
        page = await browser.GetStringAsync($"/items/{id}");
        Assert.Contains("现场调研记录.pdf", page, StringComparison.Ordinal);
        Assert.Contains("已上传附件", page, StringComparison.Ordinal);
        var remove = await browser.PostAsync($"/items/{id}/attachments/{file.Id}/remove", SignedForms.Of(page));
        Assert.Equal(HttpStatusCode.Redirect, remove.StatusCode);
        Assert.Empty(await store.ListAsync(id));
    }

    internal static async Task<HttpResponseMessage> UploadAsync(ApiHost host, string personId, string path, byte[] content, string fileName, string? part = null)
    {
        var client = await host.AsAsync(personId);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        if (part is not null)
        {
            form.Add(new StringContent(part), "part");
        }

        return await client.PostAsync(path, form);
    }
}
