using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Replies.Functions.IntegrationTests;

/// <summary>
/// A corpus of bad requests, each answered with a 4xx problem detail (never a 500), and none of them changes what is
/// stored: the item's transitions, its drafts, the register, the library and the directory stay as they were. One
/// case a row, so a case can be run alone; all of them against one item in drafting with one draft.
/// </summary>
public sealed class BadInputTests(BadInputTests.DraftingItem item) : IClassFixture<BadInputTests.DraftingItem>
{
    // The item's id in a path, filled in when the case runs.
    private const string D = "{d}";

    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
    private const string ValidBody = "建议进一步优化营商环境，提升政务服务效能，减少审批环节。";
    private static readonly Submit Valid = new("关于优化营商环境的建议", ValidBody, "经济发展");

    private sealed record Submit(string Title, string Body, string Category);

    private static string Json(object o) => JsonSerializer.Serialize(o, ApiHost.Json);

    public static TheoryData<string, string, string, string?, int, string?> Cases => new()
    {
        { ApiHost.Deputy, "POST", "/api/proposals", Json(new { body = ValidBody, category = "经济发展" }), 400, "title" },
        { ApiHost.Deputy, "POST", "/api/proposals", Json(Valid with { Title = new string('长', 120) }), 400, "title" },
        { ApiHost.Deputy, "POST", "/api/proposals", Json(Valid with { Body = new string('文', 3000) }), 400, "body" },
        { ApiHost.Deputy, "POST", "/api/proposals", Json(Valid with { Category = "不存在的类别" }), 400, "category" },
        { ApiHost.Deputy, "POST", "/api/proposals", Json(new { title = "关于优化营商环境的建议", body = ValidBody, category = "经济发展", session = "第一届" }), 400, "session" },
        { ApiHost.Deputy, "POST", "/api/proposals", Json(new { title = "关于优化营商环境的建议", body = ValidBody, category = "经济发展", coSigners = new[] { "nobody" } }), 400, "coSigners" },
        { ApiHost.Deputy, "POST", "/api/proposals", Json(new { title = "关于优化营商环境的建议", body = ValidBody, category = "经济发展", coSigners = new[] { ApiHost.Member } }), 400, "coSigners" },
        { ApiHost.Deputy, "POST", "/api/proposals", """{"title": 123, "body": "x", "category": "经济发展"}""", 400, "title" },
        { ApiHost.Deputy, "POST", "/api/proposals", """{"title": "关于优化营商环境的建议",""", 400, null },
        { ApiHost.Deputy, "POST", "/api/proposals", "", 400, null },
        { ApiHost.Deputy, "POST", "/api/proposals", "null", 400, null },
        { ApiHost.Deputy, "POST", "/api/proposals", "[]", 400, null },
        { ApiHost.Deputy, "POST", "/api/proposals", "{\"title\":\"" + new string('a', 300 * 1024) + "\"}", 413, null },
        { ApiHost.Clerk, "POST", $"/api/proposals/{D}/filing", Json(new { decision = "Maybe" }), 400, "decision" },
        { ApiHost.Clerk, "POST", $"/api/proposals/{D}/filing", """{"decision": 7}""", 400, "decision" },
        { ApiHost.Clerk, "POST", $"/api/proposals/{D}/filing", Json(new { decision = "Merge" }), 400, "mergeInto" },
        { ApiHost.Clerk, "POST", $"/api/proposals/{D}/filing", Json(new { decision = "Merge", mergeInto = "NOPE-0000" }), 400, "mergeInto" },
        { ApiHost.Clerk, "POST", $"/api/proposals/{D}/filing", Json(new { decision = "Decline" }), 400, "reason" },
        { ApiHost.Clerk, "POST", $"/api/proposals/{D}/filing", Json(new { decision = "File" }), 409, null },
        { ApiHost.Clerk, "POST", $"/api/proposals/{D}/assignment", Json(new { leadDepartment = "市不存在局" }), 400, "leadDepartment" },
        { ApiHost.Clerk, "POST", $"/api/proposals/{D}/assignment", Json(new { leadDepartment = ApiHost.Lead, coHandlers = new[] { ApiHost.Lead } }), 400, "coHandlers" },
        { ApiHost.Handler, "POST", $"/api/proposals/{D}/contacts", """{"date": "2026-13-45", "form": "电话", "summary": "电话沟通"}""", 400, "date" },
        { ApiHost.Handler, "POST", $"/api/proposals/{D}/contacts", Json(new { date = Today.AddDays(3), form = "电话", summary = "电话沟通" }), 400, "date" },
        { ApiHost.Handler, "POST", $"/api/proposals/{D}/contacts", Json(new { date = Today, form = "飞鸽传书", summary = "电话沟通" }), 400, "form" },
        { ApiHost.Handler, "POST", $"/api/proposals/{D}/contacts", Json(new { date = Today, form = "电话" }), 400, "summary" },
        { ApiHost.Handler, "POST", $"/api/proposals/{D}/drafts", Json(new { text = "  " }), 400, "text" },
        { ApiHost.Handler, "POST", $"/api/proposals/{D}/drafts", "text=plain", 415, null },
        { ApiHost.Handler, "POST", $"/api/proposals/{D}/submission", Json(new { draftVersion = 99, resultClass = "B", disclosure = "Full", handlerName = "徐晓军", handlerPhone = "0355-2022535" }), 400, "draftVersion" },
        { ApiHost.Handler, "POST", $"/api/proposals/{D}/submission", Json(new { draftVersion = 1, resultClass = "E", disclosure = "Full", handlerName = "徐晓军", handlerPhone = "0355-2022535" }), 400, "resultClass" },
        { ApiHost.Handler, "POST", $"/api/proposals/{D}/submission", Json(new { draftVersion = 1, resultClass = "D", disclosure = "Full", handlerName = "徐晓军", handlerPhone = "0355-2022535" }), 400, "resultClass" },
        { ApiHost.Handler, "POST", $"/api/proposals/{D}/submission", Json(new { draftVersion = 1, resultClass = "B", disclosure = "Full", handlerName = "徐晓军", handlerPhone = "call me" }), 400, "handlerPhone" },
        { ApiHost.Handler, "POST", $"/api/proposals/{D}/extension-requests", Json(new { until = Today.AddDays(-1), reason = "需要调研论证" }), 400, "until" },
        { ApiHost.Handler, "POST", $"/api/proposals/{D}/extension-requests", Json(new { until = Today.AddDays(30) }), 400, "reason" },
        { ApiHost.Leader, "POST", $"/api/proposals/{D}/approval", Json(new { approved = true }), 409, null },
        { ApiHost.Leader, "POST", $"/api/proposals/{D}/approval", Json(new { approved = false }), 400, "comments" },
        { ApiHost.Leader, "POST", $"/api/proposals/{D}/approval", """{"approved": "yes"}""", 400, "approved" },
        { ApiHost.Deputy, "POST", $"/api/proposals/{D}/feedback", Json(new { rating = "Satisfied" }), 409, null },
        { ApiHost.Deputy, "POST", $"/api/proposals/{D}/feedback", Json(new { rating = "Unsatisfied" }), 400, "comment" },
        { ApiHost.Deputy, "POST", $"/api/proposals/{D}/feedback", Json(new { rating = "NoAnswer" }), 400, "rating" },
        { ApiHost.Handler, "POST", "/api/proposals/NOPE-0000/sign-for", null, 404, null },
        { ApiHost.Handler, "POST", "/api/proposals/%27%20or%201%3D1/sign-for", null, 404, null },
        { ApiHost.Clerk, "GET", "/api/proposals/NOPE-0000", null, 404, null },
        { ApiHost.Clerk, "GET", "/api/proposals?stage=Nope", null, 400, "stage" },
        { ApiHost.Clerk, "GET", "/api/proposals?stage=3", null, 400, "stage" },
        { ApiHost.Clerk, "GET", "/api/proposals?pageSize=100000", null, 400, "pageSize" },
        { ApiHost.Clerk, "GET", "/api/proposals?dueWithin=-1", null, 400, "dueWithin" },
        { ApiHost.Clerk, "GET", "/api/proposals?overdue=maybe", null, 400, "overdue" },
        { ApiHost.Clerk, "GET", "/api/proposals?sort=random", null, 400, "sort" },
        { ApiHost.Clerk, "GET", $"/api/proposals/{D}/drafts/0", null, 404, null },
        { ApiHost.Clerk, "GET", $"/api/proposals/{D}/drafts/abc", null, 404, null },
        { ApiHost.Clerk, "GET", $"/api/proposals/{D}/letters/5", null, 404, null },
        { ApiHost.Clerk, "GET", "/api/directory/people?role=King", null, 400, "role" },
        { ApiHost.Clerk, "DELETE", $"/api/proposals/{D}", null, 405, null },
        { ApiHost.Clerk, "GET", "/api/search", null, 400, "q" },
        { ApiHost.Clerk, "GET", "/api/search?q=x&kind=Nope", null, 400, "kind" },
        { ApiHost.Clerk, "GET", "/api/search?q=x&top=0", null, 400, "top" },
        { ApiHost.Clerk, "GET", $"/api/proposals/{D}/similar?top=500", null, 400, "top" },
        { ApiHost.Deputy, "POST", "/api/similar", Json(new { title = "", body = "" }), 400, "title" },
        { ApiHost.Handler, "POST", "/api/library", Json(new { title = "某文件", category = "小说", text = "这是一份足够长的政策文件正文内容，用于测试。" }), 400, "category" },
        { ApiHost.Handler, "POST", "/api/library", Json(new { title = "某文件", category = "规划" }), 400, "text" },
        { ApiHost.Handler, "GET", "/api/library/NOPE-1", null, 404, null },
        { ApiHost.Handler, "GET", $"/api/proposals/{D}/drafts/7/check", null, 404, null },
        { ApiHost.Clerk, "GET", "/api/public/replies?pageSize=0", null, 400, "pageSize" },
        { ApiHost.Admin, "PUT", "/api/directory/people/x1", Json(new { name = "某人", role = "Handler" }), 400, "departmentId" },
        { ApiHost.Admin, "PUT", "/api/directory/people/x1", Json(new { name = "某人", role = "Proposer" }), 400, "kind" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_request_gets_a_problem_detail_and_changes_nothing(string person, string method, string path, string? body, int status, string? field)
    {
        var host = item.Host;
        var before = await item.StoredAsync();
        var client = await host.AsAsync(person);
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace(D, item.Id, StringComparison.Ordinal));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(body == "text=plain" ? "text/plain" : "application/json");
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var wrong = ProblemAnswers.Mismatch(response, text, status, field, out var problem);
        Assert.True(wrong is null, wrong);
        Assert.True(status != 409 || problem.TryGetProperty("currentStage", out _), "409 without the current stage");
        Assert.Equal(before, await item.StoredAsync());
    }

    /// <summary>One item in drafting with one draft (so the submission cases fail on their own field, not on a missing draft).</summary>
    public sealed class DraftingItem : HostWithItems
    {
        public string Id { get; private set; } = "";

        protected override async Task PrepareAsync()
        {
            Id = await Host.DriveToDraftingAsync();
            await Host.OkAsync(ApiHost.Handler, $"/api/proposals/{Id}/drafts", new { text = "答复稿第一版" });
        }

        /// <summary>What no bad request may change: the item's sequence and stage, its drafts, the register, the library and the directory.</summary>
        public async Task<string> StoredAsync()
        {
            var snapshot = await Host.Store.GetAsync(Id);
            var drafts = ((Workflows.Storage.DraftStore)Host.Services.GetService(typeof(Workflows.Storage.DraftStore))!).ListAsync(Id);
            var total = (await Host.GetJsonAsync(ApiHost.Clerk, "/api/proposals")).GetProperty("total").GetInt32();
            var library = (await Host.GetJsonAsync(ApiHost.Clerk, "/api/library")).GetArrayLength();
            var directory = (Workflows.Directory.DirectoryStore)Host.Services.GetService(typeof(Workflows.Directory.DirectoryStore))!;
            return $"#{snapshot!.Sequence} {snapshot.Stage}, {(await drafts).Count} draft(s), {total} item(s), {library} library document(s), x1 {(directory.Person("x1") is null ? "absent" : "present")}";
        }
    }
}
