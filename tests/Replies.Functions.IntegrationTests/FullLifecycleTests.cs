using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Replies.Workflows;

namespace Replies.Functions.IntegrationTests;

public sealed class FullLifecycleTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_proposal_goes_from_submission_to_a_satisfied_close_through_HTTP_only()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        var id = await host.SubmitAsync(ApiHost.Deputy, coSigners: [ApiHost.Deputy2]);

        // The invited deputy sees the invitation and confirms it.
        var invited = await host.GetJsonAsync(ApiHost.Deputy2, "/api/me/proposals");
        Assert.Equal("待确认联名", invited.EnumerateArray().Single().GetProperty("part").GetString());
        await host.OkAsync(ApiHost.Deputy2, $"/api/proposals/{id}/cosign", new { confirmed = true });

        // The clerk office files it (it appears in the filing queue first) and assigns it.
        var queue = await host.GetJsonAsync(ApiHost.Clerk, "/api/proposals?stage=FilingReview");
        Assert.Contains(queue.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == id);
        var filed = await host.OkAsync(ApiHost.Clerk, $"/api/proposals/{id}/filing", new { decision = "File" });
        Assert.Equal("AwaitingAssignment", filed.GetProperty("stage").GetString());
        await host.OkAsync(ApiHost.Clerk, $"/api/proposals/{id}/assignment", new { leadDepartment = ApiHost.Lead, coHandlers = new[] { ApiHost.CoDepartment } });

        // The lead's inbox shows it to sign for; signing moves it to drafting.
        var inbox = await host.GetJsonAsync(ApiHost.Handler, $"/api/departments/{Uri.EscapeDataString(ApiHost.Lead)}/inbox");
        Assert.Contains(inbox.GetProperty("toSignFor").EnumerateArray(), i => i.GetProperty("id").GetString() == id);
        await host.OkAsync(ApiHost.Handler, $"/api/proposals/{id}/sign-for");
        await host.OkAsync(ApiHost.CoHandler, $"/api/proposals/{id}/sign-for");

        // The co-handler's opinion reaches the lead's drafting view.
        var sent = await host.PostAsync(ApiHost.CoHandler, $"/api/proposals/{id}/opinions", new { opinion = "建议结合产业链专项资金统筹考虑。" });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        await WaitUntilAsync(async () =>
            (await host.GetJsonAsync(ApiHost.Handler, $"/api/proposals/{id}")).GetProperty("opinions").EnumerateArray().Any(o => o.GetProperty("received").GetBoolean()));

        // Contact, draft, submission; the leader returns it once with comments.
        await host.OkAsync(ApiHost.Handler, $"/api/proposals/{id}/contacts", new { date = Today(), form = "当面", summary = "到代表单位当面沟通" });
        var v1 = await host.OkAsync(ApiHost.Handler, $"/api/proposals/{id}/drafts", new { text = "叶元朋代表：您提出的建议收悉。现答复如下：一、工作开展情况" });
        await host.OkAsync(ApiHost.Handler, $"/api/proposals/{id}/submission", new { draftVersion = v1.GetProperty("version").GetInt32(), resultClass = "B", disclosure = "Full", handlerName = "徐晓军", handlerPhone = "0355-2022535" });
        var waiting = await host.GetJsonAsync(ApiHost.Leader, "/api/approvals");
        Assert.Contains(waiting.EnumerateArray(), i => i.GetProperty("id").GetString() == id);
        var returned = await host.OkAsync(ApiHost.Leader, $"/api/proposals/{id}/approval", new { approved = false, comments = "请补充下一步打算。" });
        Assert.Equal("Drafting", returned.GetProperty("stage").GetString());
        inbox = await host.GetJsonAsync(ApiHost.Handler, $"/api/departments/{Uri.EscapeDataString(ApiHost.Lead)}/inbox");
        Assert.Contains(inbox.GetProperty("returned").EnumerateArray(), i => i.GetProperty("id").GetString() == id);

        var v2 = await host.OkAsync(ApiHost.Handler, $"/api/proposals/{id}/drafts", new { text = "您提出的《关于加强科技创新促进产业发展的建议》收悉。现答复如下：\n一、工作开展情况\n二、下一步打算\n联系电话：0355-2022535" });
        Assert.Equal(2, v2.GetProperty("version").GetInt32());
        await host.OkAsync(ApiHost.Handler, $"/api/proposals/{id}/submission", new { draftVersion = 2, resultClass = "B", disclosure = "Full", handlerName = "徐晓军", handlerPhone = "0355-2022535" });
        var approved = await host.OkAsync(ApiHost.Leader, $"/api/proposals/{id}/approval", new { approved = true });
        Assert.Equal("AwaitingFeedback", approved.GetProperty("stage").GetString());

        // The letter downloads as a Word document citing the title; both draft versions download as text.
        var deputy = await host.AsAsync(ApiHost.Deputy);
        var letter = await deputy.GetAsync($"/api/proposals/{id}/letters/0");
        Assert.Equal(HttpStatusCode.OK, letter.StatusCode);
        Assert.Contains("《关于加强科技创新促进产业发展的建议》", DocumentText(await letter.Content.ReadAsByteArrayAsync()));
        var handlerClient = await host.AsAsync(ApiHost.Handler);
        Assert.Contains("一、工作开展情况", await handlerClient.GetStringAsync($"/api/proposals/{id}/drafts/1"));
        Assert.Equal(HttpStatusCode.Forbidden, (await deputy.GetAsync($"/api/proposals/{id}/drafts/2")).StatusCode);

        // The public reads the published reply without the phone number, anonymously.
        var published = await host.Anonymous.GetStringAsync($"/api/public/replies/{id}");
        Assert.Contains("下一步打算", published);
        Assert.DoesNotContain("2022535", published);

        // 不满意 starts re-handling; the second reply is rated 满意 and the item closes.
        var rehandling = await host.OkAsync(ApiHost.Deputy, $"/api/proposals/{id}/feedback", new { rating = "Unsatisfied", comment = "未回应资金支持问题。" });
        Assert.Equal("Drafting", rehandling.GetProperty("stage").GetString());
        var v3 = await host.OkAsync(ApiHost.Handler, $"/api/proposals/{id}/drafts", new { text = "关于资金支持问题，补充答复如下：\n一、设立科技创新专项资金" });
        await host.OkAsync(ApiHost.Handler, $"/api/proposals/{id}/contacts", new { date = Today(), form = "电话", summary = "电话沟通补充答复" });
        await host.OkAsync(ApiHost.Handler, $"/api/proposals/{id}/submission", new { draftVersion = v3.GetProperty("version").GetInt32(), resultClass = "A", disclosure = "Full", handlerName = "徐晓军", handlerPhone = "0355-2022535" });
        await host.OkAsync(ApiHost.Leader, $"/api/proposals/{id}/approval", new { approved = true });
        var closed = await host.OkAsync(ApiHost.Deputy, $"/api/proposals/{id}/feedback", new { rating = "Satisfied" });
        Assert.Equal("Closed", closed.GetProperty("stage").GetString());

        var detail = await host.GetJsonAsync(ApiHost.Clerk, $"/api/proposals/{id}");
        Assert.Equal(2, detail.GetProperty("letters").GetArrayLength());
        Assert.Equal(3, detail.GetProperty("drafts").GetArrayLength());
        var actions = detail.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()).ToList();
        Assert.Contains("退回修改", actions);
        Assert.Empty(detail.GetProperty("actions").EnumerateArray());

        // Metrics: one replied item, met in person, rated 满意 after re-handling, class A.
        var metrics = await host.GetJsonAsync(ApiHost.Clerk, "/api/reports/metrics");
        var overall = metrics.GetProperty("overall");
        Assert.Equal(1, overall.GetProperty("closed").GetInt32());
        Assert.Equal(1.0, overall.GetProperty("meetingRate").GetDouble());
        Assert.Equal(1.0, overall.GetProperty("satisfiedRate").GetDouble());
        Assert.Equal(1, overall.GetProperty("byClass").GetProperty("A").GetInt32());

        // The ledger exports the item as a workbook row.
        var clerk = await host.AsAsync(ApiHost.Clerk);
        var ledger = await clerk.GetAsync("/api/proposals/ledger.xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ledger.Content.Headers.ContentType?.MediaType);
        var sheet = SheetXml(await ledger.Content.ReadAsByteArrayAsync());
        Assert.Contains("关于加强科技创新促进产业发展的建议", sheet);
        Assert.Contains("已办结", sheet);
    }

    [Fact]
    public async Task Merge_decline_key_items_reassignment_and_extension_are_decided_through_HTTP()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        var target = await host.SubmitAsync(ApiHost.Deputy, "关于加强科技创新的建议");
        var duplicate = await host.SubmitAsync(ApiHost.Deputy2, "关于加强科技创新的又一建议");
        var declined = await host.SubmitAsync(ApiHost.Deputy2, "关于个人诉求的建议");
        await host.OkAsync(ApiHost.Clerk, $"/api/proposals/{target}/filing", new { decision = "File" });
        var merged = await host.OkAsync(ApiHost.Clerk, $"/api/proposals/{duplicate}/filing", new { decision = "Merge", mergeInto = target });
        Assert.Equal("Merged", merged.GetProperty("stage").GetString());
        await host.WaitForAsync(target, s => s.MergedProposers.Any(p => p.PersonId == ApiHost.Deputy2));
        var refused = await host.OkAsync(ApiHost.Clerk, $"/api/proposals/{declined}/filing", new { decision = "Decline", reason = "属于个人诉求，不符合立案条件。" });
        Assert.Equal("Declined", refused.GetProperty("stage").GetString());

        // The merged proposer now sees the target among their items.
        var mine = await host.GetJsonAsync(ApiHost.Deputy2, "/api/me/proposals");
        Assert.Contains(mine.EnumerateArray(), i => i.GetProperty("item").GetProperty("id").GetString() == target && i.GetProperty("part").GetString() == "并案");

        await host.OkAsync(ApiHost.Clerk, $"/api/proposals/{target}/key", new { isKey = true, supervisingLeader = "王副市长" });
        await host.OkAsync(ApiHost.Clerk, $"/api/proposals/{target}/assignment", new { leadDepartment = ApiHost.CoDepartment, coHandlers = Array.Empty<string>() });
        Assert.Single((await host.GetJsonAsync(ApiHost.Clerk, "/api/proposals?key=true")).GetProperty("items").EnumerateArray());

        // The wrong lead asks to be relieved; the clerk moves the item to the right one.
        await host.OkAsync(ApiHost.CoHandler, $"/api/proposals/{target}/reassignment-requests", new { reason = "该事项属于科技部门职责。" });
        var pending = await host.GetJsonAsync(ApiHost.Clerk, "/api/pending-requests");
        Assert.Equal("reassignment", pending.EnumerateArray().Single().GetProperty("kind").GetString());
        await host.OkAsync(ApiHost.Clerk, $"/api/proposals/{target}/reassignment-decisions", new { department = ApiHost.CoDepartment, approved = true, newLeadDepartment = ApiHost.Lead, newCoHandlers = Array.Empty<string>() });
        var moved = await host.WaitForAsync(target, s => s.LeadDepartment == ApiHost.Lead);
        Assert.Equal(ProposalStage.AwaitingSignOff, moved.Stage);
        await host.OkAsync(ApiHost.Handler, $"/api/proposals/{target}/sign-for");

        // An extension is asked for and granted.
        var until = moved.ReplyDue!.Value.AddDays(20);
        await host.OkAsync(ApiHost.Handler, $"/api/proposals/{target}/extension-requests", new { until, reason = "需会同多部门调研论证。" });
        await host.OkAsync(ApiHost.Clerk, $"/api/proposals/{target}/extension-decisions", new { approved = true });
        var extended = await host.WaitForAsync(target, s => s.ExtensionsGranted == 1);
        Assert.Equal(until, extended.ReplyDue);

        // The deadline board lists the open item in its band; the clerk's list filters by department.
        var board = await host.GetJsonAsync(ApiHost.Clerk, "/api/deadlines");
        Assert.True(board.TryGetProperty("byDepartment", out _));
        var byDepartment = await host.GetJsonAsync(ApiHost.Clerk, $"/api/proposals?department={Uri.EscapeDataString(ApiHost.Lead)}");
        Assert.Equal(target, byDepartment.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetString());
    }

    private static string Today() => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static Task WaitUntilAsync(Func<Task<bool>> condition) =>
        Eventually.TrueAsync(condition, TimeSpan.FromSeconds(30), "condition never held", TimeSpan.FromMilliseconds(50));

    internal static string DocumentText(byte[] docx)
    {
        using var zip = new ZipArchive(new MemoryStream(docx));
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        return System.Text.RegularExpressions.Regex.Replace(reader.ReadToEnd(), "<[^>]+>", "");
    }

    private static string SheetXml(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        using var reader = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        return reader.ReadToEnd();
    }
}
