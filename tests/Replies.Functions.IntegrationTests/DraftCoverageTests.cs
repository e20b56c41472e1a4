using System.Net;
using System.Net.Http.Json;

namespace Replies.Functions.IntegrationTests;

/// <summary>
/// The asks of a proposal, listed at submission or split from its body, matched to a draft's passages: an ask the
/// draft leaves out shows as not answered in the API, on the handler's item page and on the leader's before approval.
/// </summary>
public sealed class DraftCoverageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Body = "我市中小学生近视率居高不下。为此，建议：\n一是保障学生每天户外活动时间，落实每天校内外各1小时体育活动。\n二是改善教室采光照明条件，对不达标的教室灯光进行改造。\n三是建立学生视力健康电子档案，每学期开展两次视力筛查。";

    private const string Draft = "张丽代表：\n您提出的《关于加强中小学生近视防控的建议》收悉，现答复如下：\n一、工作开展情况\n（一）保障户外活动。全市中小学落实大课间制度，推动学生在校内外每天各有1小时体育活动。\n（二）改造教室照明。投入资金2600万元，对480间采光照明不达标的教室进行灯光改造。\n二、下一步打算\n我们将把近视防控纳入学校年度考核。\n感谢您对教育工作的关心和支持。";

    [Fact]
    public async Task An_ask_the_draft_leaves_out_is_not_answered_in_the_api_and_on_the_pages_of_the_handler_and_the_leader()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        var deputy = await host.AsAsync(ApiHost.Deputy);
        var submitted = await deputy.PostAsJsonAsync("/api/proposals", new { title = "关于加强中小学生近视防控的建议", body = Body, category = "科技创新" });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var id = (await submitted.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString()!;
        await host.WaitForAsync(id, s => s.Sequence >= 1);
        await host.OkAsync(ApiHost.Clerk, $"/api/proposals/{id}/filing", new { decision = "File" });
        await host.OkAsync(ApiHost.Clerk, $"/api/proposals/{id}/assignment", new { leadDepartment = ApiHost.Lead, coHandlers = Array.Empty<string>() });
        await host.OkAsync(ApiHost.Handler, $"/api/proposals/{id}/sign-for");
        await host.OkAsync(ApiHost.Handler, $"/api/proposals/{id}/drafts", new { text = Draft });

        var coverage = await host.GetJsonAsync(ApiHost.Handler, $"/api/proposals/{id}/drafts/1/coverage");
        var asks = coverage.GetProperty("asks").EnumerateArray().ToList();
        Assert.Equal(3, asks.Count);
        Assert.Equal(["Answered", "Answered", "NotAnswered"], asks.Select(a => a.GetProperty("label").GetString()!).ToArray());
        Assert.Contains("教室", asks[1].GetProperty("passages")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await (await host.AsAsync(ApiHost.Handler)).GetAsync($"/api/proposals/{id}/drafts/9/coverage")).StatusCode);
        var check = await host.GetJsonAsync(ApiHost.Handler, $"/api/proposals/{id}/drafts/1/check");
        var left = Assert.Single(check.GetProperty("issues").EnumerateArray(), i => i.GetProperty("code").GetString() == "ask-not-answered");
        Assert.StartsWith("第3条建议事项", left.GetProperty("message").GetString(), StringComparison.Ordinal);

        using var handler = await host.SignedInBrowserAsync(ApiHost.Handler);
        var editing = await handler.GetStringAsync($"/items/{id}");
        Assert.Contains("逐条对照（第 1 版）", editing, StringComparison.Ordinal);
        Assert.Contains("未答复 1 条", editing, StringComparison.Ordinal);

        await host.OkAsync(ApiHost.Handler, $"/api/proposals/{id}/contacts", new { date = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)), form = "电话", summary = "听取意见" });
        await host.OkAsync(ApiHost.Handler, $"/api/proposals/{id}/submission", new { draftVersion = 1, resultClass = "B", disclosure = "Full", handlerName = "刘洋", handlerPhone = "0371-6612345" });
        using var leader = await host.SignedInBrowserAsync(ApiHost.Leader);
        var approving = await leader.GetStringAsync($"/items/{id}");
        var coverageAt = approving.IndexOf("逐条对照（第 1 版）", StringComparison.Ordinal);
        Assert.True(coverageAt > 0 && coverageAt < approving.IndexOf("可办理事项", StringComparison.Ordinal), "the leader sees the coverage above the approval form");
        Assert.Contains("<mark>", approving, StringComparison.Ordinal);
        Assert.Contains("建立学生视力健康电子档案", approving[coverageAt..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asks_listed_at_submission_are_kept_as_listed()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        var deputy = await host.AsAsync(ApiHost.Deputy);
        var submitted = await deputy.PostAsJsonAsync("/api/proposals", new { title = "关于加强中小学生近视防控的建议", body = Body, category = "科技创新", asks = new[] { "保障户外活动时间", "改造教室照明" } });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var id = (await submitted.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString()!;
        await host.WaitForAsync(id, s => s.Sequence >= 1);
        var text = await host.Store.GetTextAsync(id);
        Assert.Equal(["保障户外活动时间", "改造教室照明"], text!.Asks);

        var refused = await deputy.PostAsJsonAsync("/api/proposals", new { title = "关于加强中小学生近视防控的建议", body = Body, category = "科技创新", asks = new[] { "好" } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("第1条建议事项", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_submission_form_splits_the_body_into_asks_for_the_proposer_to_correct_and_keeps_the_corrected_list()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        using var deputy = await host.SignedInBrowserAsync(ApiHost.Deputy);
        var form = await deputy.GetStringAsync("/submit");
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(form, "name=\"Input.Asks\""));
        var key = System.Text.RegularExpressions.Regex.Match(form, "name=\"Key\" value=\"([^\"]+)\"").Groups[1].Value;
        List<KeyValuePair<string, string>> Fields(string html, IEnumerable<string> asks, bool split) =>
        [
            new("Key", key), new("Input.Title", "关于加强中小学生近视防控的建议"), new("Input.Body", Body), new("Input.Category", "科技创新"),
            new(SignedForms.TokenField, SignedForms.Token(html)), .. asks.Select(a => new KeyValuePair<string, string>("Input.Asks", a)),
            .. split ? [new KeyValuePair<string, string>("split", "1")] : Array.Empty<KeyValuePair<string, string>>(),
        ];

        // 按正文拆分: the three asks in their boxes, nothing submitted yet.
        var split = await deputy.PostAsync("/submit", new FormUrlEncodedContent(Fields(form, ["", "", ""], split: true)));
        Assert.Equal(HttpStatusCode.OK, split.StatusCode);
        var shown = await split.Content.ReadAsStringAsync();
        Assert.Contains("已按正文拆分为 3 条建议事项", shown, StringComparison.Ordinal);
        Assert.Contains(">改善教室采光照明条件，对不达标的教室灯光进行改造</textarea>", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("关于加强中小学生近视防控的建议", await deputy.GetStringAsync("/my"), StringComparison.Ordinal);

        // The proposer joins the first two and submits.
        var submitted = await deputy.PostAsync("/submit", new FormUrlEncodedContent(Fields(shown, ["保障户外活动时间并改善教室照明", "建立学生视力健康电子档案", ""], split: false)));
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var id = submitted.Headers.Location!.OriginalString.Split('/')[^1];
        Assert.Equal(["保障户外活动时间并改善教室照明", "建立学生视力健康电子档案"], (await host.Store.GetTextAsync(id))!.Asks);
    }

    [Fact]
    public async Task The_clerk_corrects_the_split_at_filing_and_the_item_keeps_the_corrected_asks()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        var deputy = await host.AsAsync(ApiHost.Deputy);
        var submitted = await deputy.PostAsJsonAsync("/api/proposals", new { title = "关于加强中小学生近视防控的建议", body = Body, category = "科技创新" });
        var id = (await submitted.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString()!;
        await host.WaitForAsync(id, s => s.Sequence >= 1);
        Assert.Equal(3, (await host.Store.GetTextAsync(id))!.Asks!.Count);

        // The filing form offers the asks as split, one box each.
        using var clerk = await host.SignedInBrowserAsync(ApiHost.Clerk);
        var page = await clerk.GetStringAsync($"/items/{id}");
        Assert.Contains(">建立学生视力健康电子档案，每学期开展两次视力筛查</textarea>", page, StringComparison.Ordinal);

        var refused = await host.PostAsync(ApiHost.Clerk, $"/api/proposals/{id}/filing", new { decision = "File", asks = new[] { "好" } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(Workflows.ProposalStage.FilingReview, (await host.Store.GetAsync(id))!.Stage);

        await host.OkAsync(ApiHost.Clerk, $"/api/proposals/{id}/filing", new { decision = "File", asks = new[] { "保障户外活动并改善教室照明", "建立学生视力健康电子档案" } });
        await host.WaitForAsync(id, s => s.FilingNumber is not null);
        Assert.Equal(["保障户外活动并改善教室照明", "建立学生视力健康电子档案"], (await host.Store.GetTextAsync(id))!.Asks);
        Assert.Contains(await host.Store.GetAuditAsync(id), a => a.Action == "立案" && a.Details!.Contains("建议事项调整为2条", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Filing_with_the_asks_as_they_were_split_records_no_correction()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        var deputy = await host.AsAsync(ApiHost.Deputy);
        var submitted = await deputy.PostAsJsonAsync("/api/proposals", new { title = "关于加强中小学生近视防控的建议", body = Body, category = "科技创新" });
        var id = (await submitted.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString()!;
        await host.WaitForAsync(id, s => s.Sequence >= 1);
        var split = (await host.Store.GetTextAsync(id))!.Asks!;

        // As the filing form posts them back untouched, with the spaces a browser may add around a box's text.
        await host.OkAsync(ApiHost.Clerk, $"/api/proposals/{id}/filing", new { decision = "File", asks = split.Select(a => $" {a} ").ToArray() });
        await host.WaitForAsync(id, s => s.FilingNumber is not null);
        Assert.Equal(split, (await host.Store.GetTextAsync(id))!.Asks);
        var filed = Assert.Single(await host.Store.GetAuditAsync(id), a => a.Action == "立案");
        Assert.DoesNotContain("调整", filed.Details!, StringComparison.Ordinal);
    }
}
