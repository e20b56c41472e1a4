using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Replies.Functions.IntegrationTests;

/// <summary>
/// A corpus of bad requests, each answered with a 4xx problem detail (never a 500), and none of them changes what is
/// stored: the item's transitions, its drafts and the register stay as they were.
/// </summary>
public sealed class BadInputTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Every_bad_request_gets_a_problem_detail_and_changes_nothing()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        var d = await host.DriveToDraftingAsync();
        var before = await host.Store.GetAsync(d);
        var drafts = host.Services.GetService(typeof(Workflows.Storage.DraftStore)) as Workflows.Storage.DraftStore;
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        string Json(object o) => JsonSerializer.Serialize(o, ApiHost.Json);
        var validBody = "建议进一步优化营商环境，提升政务服务效能，减少审批环节。";
        var submit = new { title = "关于优化营商环境的建议", body = validBody, category = "经济发展" };

        var cases = new (string Person, string Method, string Path, string? Body, int Status, string? Field)[]
        {
            (ApiHost.Deputy, "POST", "/api/proposals", Json(new { body = validBody, category = "经济发展" }), 400, "title"),
            (ApiHost.Deputy, "POST", "/api/proposals", Json(submit with { title = new string('长', 120) }), 400, "title"),
            (ApiHost.Deputy, "POST", "/api/proposals", Json(submit with { body = new string('文', 3000) }), 400, "body"),
            (ApiHost.Deputy, "POST", "/api/proposals", Json(submit with { category = "不存在的类别" }), 400, "category"),
            (ApiHost.Deputy, "POST", "/api/proposals", Json(new { title = "关于优化营商环境的建议", body = validBody, category = "经济发展", session = "第一届" }), 400, "session"),
            (ApiHost.Deputy, "POST", "/api/proposals", Json(new { title = "关于优化营商环境的建议", body = validBody, category = "经济发展", coSigners = new[] { "nobody" } }), 400, "coSigners"),
            (ApiHost.Deputy, "POST", "/api/proposals", Json(new { title = "关于优化营商环境的建议", body = validBody, category = "经济发展", coSigners = new[] { ApiHost.Member } }), 400, "coSigners"),
            (ApiHost.Deputy, "POST", "/api/proposals", """{"title": 123, "body": "x", "category": "经济发展"}""", 400, "title"),
            (ApiHost.Deputy, "POST", "/api/proposals", """{"title": "关于优化营商环境的建议",""", 400, null),
            (ApiHost.Deputy, "POST", "/api/proposals", "", 400, null),
            (ApiHost.Deputy, "POST", "/api/proposals", "null", 400, null),
            (ApiHost.Deputy, "POST", "/api/proposals", "[]", 400, null),
            (ApiHost.Deputy, "POST", "/api/proposals", "{\"title\":\"" + new string('a', 300 * 1024) + "\"}", 413, null),
            (ApiHost.Clerk, "POST", $"/api/proposals/{d}/filing", Json(new { decision = "Maybe" }), 400, "decision"),
            (ApiHost.Clerk, "POST", $"/api/proposals/{d}/filing", """{"decision": 7}""", 400, "decision"),
            (ApiHost.Clerk, "POST", $"/api/proposals/{d}/filing", Json(new { decision = "Merge" }), 400, "mergeInto"),
            (ApiHost.Clerk, "POST", $"/api/proposals/{d}/filing", Json(new { decision = "Merge", mergeInto = "NOPE-0000" }), 400, "mergeInto"),
            (ApiHost.Clerk, "POST", $"/api/proposals/{d}/filing", Json(new { decision = "Decline" }), 400, "reason"),
            (ApiHost.Clerk, "POST", $"/api/proposals/{d}/filing", Json(new { decision = "File" }), 409, null),
            (ApiHost.Clerk, "POST", $"/api/proposals/{d}/assignment", Json(new { leadDepartment = "市不存在局" }), 400, "leadDepartment"),
            (ApiHost.Clerk, "POST", $"/api/proposals/{d}/assignment", Json(new { leadDepartment = ApiHost.Lead, coHandlers = new[] { ApiHost.Lead } }), 400, "coHandlers"),
            (ApiHost.Handler, "POST", $"/api/proposals/{d}/contacts", """{"date": "2026-13-45", "form": "电话", "summary": "电话沟通"}""", 400, "date"),
            (ApiHost.Handler, "POST", $"/api/proposals/{d}/contacts", Json(new { date = today.AddDays(3), form = "电话", summary = "电话沟通" }), 400, "date"),
            (ApiHost.Handler, "POST", $"/api/proposals/{d}/contacts", Json(new { date = today, form = "飞鸽传书", summary = "电话沟通" }), 400, "form"),
            (ApiHost.Handler, "POST", $"/api/proposals/{d}/contacts", Json(new { date = today, form = "电话" }), 400, "summary"),
            (ApiHost.Handler, "POST", $"/api/proposals/{d}/drafts", Json(new { text = "  " }), 400, "text"),
            (ApiHost.Handler, "POST", $"/api/proposals/{d}/drafts", "text=plain", 415, null),
            (ApiHost.Handler, "POST", $"/api/proposals/{d}/submission", Json(new { draftVersion = 99, resultClass = "B", disclosure = "Full", handlerName = "徐晓军", handlerPhone = "0355-2022535" }), 400, "draftVersion"),
            (ApiHost.Handler, "POST", $"/api/proposals/{d}/submission", Json(new { draftVersion = 1, resultClass = "E", disclosure = "Full", handlerName = "徐晓军", handlerPhone = "0355-2022535" }), 400, "resultClass"),
            (ApiHost.Handler, "POST", $"/api/proposals/{d}/submission", Json(new { draftVersion = 1, resultClass = "D", disclosure = "Full", handlerName = "徐晓军", handlerPhone = "0355-2022535" }), 400, "resultClass"),
            (ApiHost.Handler, "POST", $"/api/proposals/{d}/submission", Json(new { draftVersion = 1, resultClass = "B", disclosure = "Full", handlerName = "徐晓军", handlerPhone = "call me" }), 400, "handlerPhone"),
            (ApiHost.Handler, "POST", $"/api/proposals/{d}/extension-requests", Json(new { until = today.AddDays(-1), reason = "需要调研论证" }), 400, "until"),
            (ApiHost.Handler, "POST", $"/api/proposals/{d}/extension-requests", Json(new { until = today.AddDays(30) }), 400, "reason"),
            (ApiHost.Leader, "POST", $"/api/proposals/{d}/approval", Json(new { approved = true }), 409, null),
            (ApiHost.Leader, "POST", $"/api/proposals/{d}/approval", Json(new { approved = false }), 400, "comments"),
            (ApiHost.Leader, "POST", $"/api/proposals/{d}/approval", """{"approved": "yes"}""", 400, "approved"),
            (ApiHost.Deputy, "POST", $"/api/proposals/{d}/feedback", Json(new { rating = "Satisfied" }), 409, null),
            (ApiHost.Deputy, "POST", $"/api/proposals/{d}/feedback", Json(new { rating = "Unsatisfied" }), 400, "comment"),
            (ApiHost.Deputy, "POST", $"/api/proposals/{d}/feedback", Json(new { rating = "NoAnswer" }), 400, "rating"),
            (ApiHost.Handler, "POST", "/api/proposals/NOPE-0000/sign-for", null, 404, null),
            (ApiHost.Handler, "POST", "/api/proposals/%27%20or%201%3D1/sign-for", null, 404, null),
            (ApiHost.Clerk, "GET", "/api/proposals/NOPE-0000", null, 404, null),
            (ApiHost.Clerk, "GET", "/api/proposals?stage=Nope", null, 400, "stage"),
            (ApiHost.Clerk, "GET", "/api/proposals?stage=3", null, 400, "stage"),
            (ApiHost.Clerk, "GET", "/api/proposals?pageSize=100000", null, 400, "pageSize"),
            (ApiHost.Clerk, "GET", "/api/proposals?dueWithin=-1", null, 400, "dueWithin"),
            (ApiHost.Clerk, "GET", "/api/proposals?overdue=maybe", null, 400, "overdue"),
            (ApiHost.Clerk, "GET", "/api/proposals?sort=random", null, 400, "sort"),
            (ApiHost.Clerk, "GET", $"/api/proposals/{d}/drafts/0", null, 404, null),
            (ApiHost.Clerk, "GET", $"/api/proposals/{d}/drafts/abc", null, 404, null),
            (ApiHost.Clerk, "GET", $"/api/proposals/{d}/letters/5", null, 404, null),
            (ApiHost.Clerk, "GET", "/api/directory/people?role=King", null, 400, "role"),
            (ApiHost.Clerk, "DELETE", $"/api/proposals/{d}", null, 405, null),
            (ApiHost.Clerk, "GET", "/api/search", null, 400, "q"),
            (ApiHost.Clerk, "GET", "/api/search?q=x&kind=Nope", null, 400, "kind"),
            (ApiHost.Clerk, "GET", "/api/search?q=x&top=0", null, 400, "top"),
            (ApiHost.Clerk, "GET", $"/api/proposals/{d}/similar?top=500", null, 400, "top"),
            (ApiHost.Deputy, "POST", "/api/similar", Json(new { title = "", body = "" }), 400, "title"),
            (ApiHost.Handler, "POST", "/api/library", Json(new { title = "某文件", category = "小说", text = "这是一份足够长的政策文件正文内容，用于测试。" }), 400, "category"),
            (ApiHost.Handler, "POST", "/api/library", Json(new { title = "某文件", category = "规划" }), 400, "text"),
            (ApiHost.Handler, "GET", "/api/library/NOPE-1", null, 404, null),
            (ApiHost.Handler, "GET", $"/api/proposals/{d}/drafts/7/check", null, 404, null),
            (ApiHost.Clerk, "GET", "/api/public/replies?pageSize=0", null, 400, "pageSize"),
            (ApiHost.Admin, "PUT", "/api/directory/people/x1", Json(new { name = "某人", role = "Handler" }), 400, "departmentId"),
            (ApiHost.Admin, "PUT", "/api/directory/people/x1", Json(new { name = "某人", role = "Proposer" }), 400, "kind"),
        };

        // The first draft exists, so the submission cases fail on their own field, not on a missing draft.
        await host.OkAsync(ApiHost.Handler, $"/api/proposals/{d}/drafts", new { text = "答复稿第一版" });
        var countBefore = (await host.GetJsonAsync(ApiHost.Clerk, "/api/proposals")).GetProperty("total").GetInt32();
        var sequenceBefore = (await host.Store.GetAsync(d))!.Sequence;
        var failures = new List<string>();
        foreach (var (person, method, path, body, status, field) in cases)
        {
            var client = await host.AsAsync(person);
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(body == "text=plain" ? "text/plain" : "application/json");
            }

            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var label = $"{method} {path[..Math.Min(path.Length, 60)]} {body?[..Math.Min(body.Length, 60)]}";
            if (ProblemAnswers.Mismatch(response, text, status, field, out var problem) is { } wrong)
            {
                failures.Add($"{label}: {wrong}");
                continue;
            }

            if (status == 409 && !problem.TryGetProperty("currentStage", out _))
            {
                failures.Add($"{label}: 409 without the current stage");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        var after = await host.Store.GetAsync(d);
        Assert.Equal(sequenceBefore, after!.Sequence);
        Assert.Equal(ProposalStage.Drafting, after.Stage);
        Assert.Single(await drafts!.ListAsync(d));
        Assert.Equal(countBefore, (await host.GetJsonAsync(ApiHost.Clerk, "/api/proposals")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await host.GetJsonAsync(ApiHost.Clerk, "/api/library")).GetArrayLength());
        Assert.Null(host.Services.GetService(typeof(Workflows.Directory.DirectoryStore)) is Workflows.Directory.DirectoryStore dir ? dir.Person("x1") : null);
    }
}
