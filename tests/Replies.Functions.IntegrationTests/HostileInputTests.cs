using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Replies.Functions.IntegrationTests;

/// <summary>
/// What anyone on the internet can send, over the API and the page forms: characters that hide or reverse text,
/// control characters, broken surrogates, bodies of 10 MB, JSON nested 10,000 deep, duplicate keys, numbers as strings,
/// dates in other calendars and formats, a thousand co-signers, wrong content types. Each gets a 4xx with Chinese
/// problem details naming the field (or the form again with the message) and nothing stored changes.
/// </summary>
public sealed class HostileInputTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    // Inserted into an otherwise valid text; each must be refused with a message for its field.
    private static readonly (string Name, string Insert)[] Hostile =
    [
        ("NUL", "\u0000"), ("BEL", "\u0007"), ("escape sequence", "\u001B[31m"), ("C1 control", "\u0085"),
        ("right-to-left override", "\u202E"), ("left-to-right embedding", "\u202A"), ("isolate", "\u2066"),
        ("lone high surrogate", "\uD800"), ("lone low surrogate", "\uDC00"), ("noncharacter", "\uFFFF"),
        ("stacked combining marks", new string('\u0301', 12)), ("invisible only", "\u200B\u200C\u200D\u2060\uFEFF"),
    ];

    [Fact]
    public async Task Hostile_requests_to_the_API_get_a_Chinese_problem_and_change_nothing()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        var d = await host.DriveToDraftingAsync();
        await host.OkAsync(ApiHost.Handler, $"/api/proposals/{d}/drafts", new { text = "答复稿第一版" });
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var iso = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var body = "建议进一步优化营商环境，提升政务服务效能，减少审批环节。";
        var cases = new List<(string Person, string Path, string Json, string ContentType, int Status, string? Field, string Label)>();

        // Every text field, with every hostile insertion.
        var fields = new (string Person, string Path, string Field, string Valid, Func<string, string> Json)[]
        {
            (ApiHost.Deputy, "/api/proposals", "title", "关于优化营商环境的建议", v => $$"""{"title":{{v}},"body":"{{body}}","category":"科技创新"}"""),
            (ApiHost.Deputy, "/api/proposals", "body", body, v => $$"""{"title":"关于优化营商环境的建议","body":{{v}},"category":"科技创新"}"""),
            (ApiHost.Handler, $"/api/proposals/{d}/contacts", "summary", "电话沟通，听取意见", v => $$"""{"date":"{{iso}}","form":"电话","summary":{{v}}}"""),
            (ApiHost.Handler, $"/api/proposals/{d}/drafts", "text", "您提出的建议收悉，现答复如下。", v => $$"""{"text":{{v}}}"""),
            (ApiHost.Handler, $"/api/proposals/{d}/extension-requests", "reason", "需要调研论证后答复", v => $$"""{"until":"{{today.AddDays(30):yyyy-MM-dd}}","reason":{{v}}}"""),
            (ApiHost.Handler, $"/api/proposals/{d}/reassignment-requests", "reason", "该事项不属于本单位职责", v => $$"""{"reason":{{v}}}"""),
            (ApiHost.Handler, $"/api/proposals/{d}/submission", "handlerName", "徐晓军", v => $$"""{"draftVersion":1,"resultClass":"B","disclosure":"Full","handlerName":{{v}},"handlerPhone":"0355-2022535"}"""),
            (ApiHost.CoHandler, $"/api/proposals/{d}/opinions", "opinion", "同意主办单位意见，建议加强协作", v => $$"""{"opinion":{{v}}}"""),
            (ApiHost.Handler, "/api/library", "title", "科技创新规划", v => $$"""{"title":{{v}},"category":"规划","text":"这是一份足够长的政策文件正文内容，用于测试。"}"""),
            (ApiHost.Handler, "/api/library", "text", "这是一份足够长的政策文件正文内容，用于测试。", v => $$"""{"title":"科技创新规划","category":"规划","text":{{v}}}"""),
        };
        foreach (var (person, path, field, valid, json) in fields)
        {
            foreach (var (name, insert) in Hostile)
            {
                var value = name == "invisible only" ? insert : valid.Insert(2, insert);
                cases.Add((person, path, json(JsonText(value)), "application/json", 400, field, $"{field} with {name}"));
            }
        }

        // Shapes no client should send.
        var huge = "{\"title\":\"" + new string('长', 10 * 1024 * 1024 / 3) + "\"}";
        var deep = "{\"title\":" + new string('[', 10_000) + new string(']', 10_000) + "}";
        foreach (var (person, path) in new[] { (ApiHost.Deputy, "/api/proposals"), (ApiHost.Handler, $"/api/proposals/{d}/drafts"), (ApiHost.Handler, $"/api/proposals/{d}/contacts"), (ApiHost.Handler, "/api/library") })
        {
            cases.Add((person, path, huge, "application/json", 413, null, "10 MB body"));
            cases.Add((person, path, deep, "application/json", 400, null, "nested 10,000 deep"));
            foreach (var type in new[] { "text/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "text/plain", "application/octet-stream" })
            {
                cases.Add((person, path, "{}", type, 415, null, "content type " + type));
            }
        }

        var duplicates = new (string Person, string Path, string Json)[]
        {
            (ApiHost.Deputy, "/api/proposals", $$"""{"title":"关于优化营商环境的建议","title":"关于取消审批的建议","body":"{{body}}","category":"科技创新"}"""),
            (ApiHost.Handler, $"/api/proposals/{d}/drafts", """{"text":"答复稿甲","text":"答复稿乙"}"""),
            (ApiHost.Handler, $"/api/proposals/{d}/contacts", $$"""{"date":"{{iso}}","form":"电话","form":"座谈","summary":"电话沟通听取意见"}"""),
            (ApiHost.Leader, $"/api/proposals/{d}/approval", """{"approved":true,"approved":false}"""),
            (ApiHost.Clerk, $"/api/proposals/{d}/key", """{"isKey":true,"isKey":false}"""),
        };
        cases.AddRange(duplicates.Select(x => (x.Person, x.Path, x.Json, "application/json", 400, (string?)null, "duplicate key")));

        var asStrings = new (string Person, string Path, string Json, string Field)[]
        {
            (ApiHost.Handler, $"/api/proposals/{d}/submission", """{"draftVersion":"1","resultClass":"B","disclosure":"Full","handlerName":"徐晓军","handlerPhone":"0355-2022535"}""", "draftVersion"),
            (ApiHost.Leader, $"/api/proposals/{d}/approval", """{"approved":"true"}""", "approved"),
            (ApiHost.Clerk, $"/api/proposals/{d}/key", """{"isKey":"yes"}""", "isKey"),
            (ApiHost.Handler, $"/api/proposals/{d}/contacts", """{"date":20260310,"form":"电话","summary":"电话沟通听取意见"}""", "date"),
            (ApiHost.Handler, $"/api/proposals/{d}/submission", """{"draftVersion":1,"resultClass":2,"disclosure":"Full","handlerName":"徐晓军","handlerPhone":"0355-2022535"}""", "resultClass"),
            (ApiHost.Handler, $"/api/proposals/{d}/submission", """{"draftVersion":1.5,"resultClass":"B","disclosure":"Full","handlerName":"徐晓军","handlerPhone":"0355-2022535"}""", "draftVersion"),
            (ApiHost.Deputy, "/api/proposals", $$"""{"title":"关于优化营商环境的建议","body":"{{body}}","category":"科技创新","coSigners":"li-hongmei"}""", "coSigners"),
        };
        cases.AddRange(asStrings.Select(x => (x.Person, x.Path, x.Json, "application/json", 400, (string?)x.Field, "wrong type for " + x.Field + ": " + x.Json[..Math.Min(60, x.Json.Length)])));

        // Dates in other calendars and formats: the API takes the Gregorian ISO date only.
        string[] contactDates = ["2026/03/10", "10.03.2026", "03/10/2026", "二〇二六年三月十日", "2026年3月10日", "115/03/10", "民国115年3月10日", "1447-09-10", "2026-03-10T08:00:00+08:00", "20260310", "2026-W11-2", "2026-02-30", "0000-00-00", ""];
        cases.AddRange(contactDates.Select(v => (ApiHost.Handler, $"/api/proposals/{d}/contacts", $$"""{"date":"{{v}}","form":"电话","summary":"电话沟通听取意见"}""", "application/json", 400, (string?)"date", "contact date " + v)));
        string[] untilDates = ["2569-03-10", "2026/12/31", "1447-12-01", "31.12.2026", "+002026-12-31", "明年三月"];
        cases.AddRange(untilDates.Select(v => (ApiHost.Handler, $"/api/proposals/{d}/extension-requests", $$"""{"until":"{{v}}","reason":"需要调研论证后答复"}""", "application/json", 400, (string?)"until", "extension until " + v)));

        // A thousand co-signers, real and made up.
        var real = string.Join(',', Enumerable.Repeat($"\"{ApiHost.Deputy2}\"", 1000));
        var madeUp = string.Join(',', Enumerable.Range(0, 1000).Select(i => $"\"deputy-{i}\""));
        cases.Add((ApiHost.Deputy, "/api/proposals", $$"""{"title":"关于优化营商环境的建议","body":"{{body}}","category":"科技创新","coSigners":[{{real}}]}""", "application/json", 400, "coSigners", "1,000 co-signers (one repeated)"));
        cases.Add((ApiHost.Deputy, "/api/proposals", $$"""{"title":"关于优化营商环境的建议","body":"{{body}}","category":"科技创新","coSigners":[{{madeUp}}]}""", "application/json", 400, "coSigners", "1,000 co-signers (made up)"));

        var countBefore = (await host.GetJsonAsync(ApiHost.Clerk, "/api/proposals")).GetProperty("total").GetInt32();
        var sequenceBefore = (await host.Store.GetAsync(d))!.Sequence;
        var failures = new List<string>();
        foreach (var (person, path, json, contentType, status, field, label) in cases)
        {
            var client = await host.AsAsync(person);
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json)) };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (ProblemAnswers.Mismatch(response, text, status, field, out _) is { } wrong)
            {
                failures.Add($"{label} at {path}: {wrong}");
            }
        }

        Assert.True(cases.Count >= 150, $"only {cases.Count} cases");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} cases failed:\n" + string.Join('\n', failures));
        var after = (await host.Store.GetAsync(d))!;
        Assert.Equal(sequenceBefore, after.Sequence);
        Assert.Single(await host.Services.GetRequiredService<Workflows.Storage.DraftStore>().ListAsync(d));
        Assert.Equal(countBefore, (await host.GetJsonAsync(ApiHost.Clerk, "/api/proposals")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await host.GetJsonAsync(ApiHost.Clerk, "/api/library")).GetArrayLength());
    }

    [Fact]
    public async Task Hostile_text_in_the_page_forms_comes_back_with_the_message_and_changes_nothing()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        var d = await host.DriveToDraftingAsync();
        var sequenceBefore = (await host.Store.GetAsync(d))!.Sequence;
        var countBefore = (await host.GetJsonAsync(ApiHost.Clerk, "/api/proposals")).GetProperty("total").GetInt32();
        using var deputy = await host.SignedInBrowserAsync(ApiHost.Deputy);
        using var handler = await host.SignedInBrowserAsync(ApiHost.Handler);
        var failures = new List<string>();
        var cases = 0;
        foreach (var (name, insert) in Hostile)
        {
            var title = name == "invisible only" ? insert : "关于" + insert + "优化营商环境的建议";
            var form = await deputy.GetStringAsync("/submit");
            var submitted = await deputy.PostAsync("/submit", Form(form, ("Input.Title", title), ("Input.Body", "建议进一步优化营商环境，提升政务服务效能，减少审批环节。"), ("Input.Category", "科技创新")));
            await ExpectRefusedAsync(submitted, "title " + name);

            var summary = name == "invisible only" ? insert : "电话" + insert + "沟通，听取意见";
            var item = await handler.GetStringAsync($"/items/{d}");
            var contact = await handler.PostAsync($"/items/{d}", Form(item, ("act", "recordContact"), ("Input.Date", DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), ("Input.Form", "电话"), ("Input.Summary", summary)));
            await ExpectRefusedAsync(contact, "contact summary " + name);
            cases += 2;
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases} form cases failed:\n" + string.Join('\n', failures));
        Assert.Equal(sequenceBefore, (await host.Store.GetAsync(d))!.Sequence);
        Assert.Equal(countBefore, (await host.GetJsonAsync(ApiHost.Clerk, "/api/proposals")).GetProperty("total").GetInt32());

        async Task ExpectRefusedAsync(HttpResponseMessage response, string label)
        {
            var html = await response.Content.ReadAsStringAsync();
            // The form again with the message beside the field, or (a NUL the form reader refuses) a page saying why.
            var refused = response.StatusCode == HttpStatusCode.OK && (html.Contains("含有", StringComparison.Ordinal) || html.Contains("请填写", StringComparison.Ordinal));
            var unreadable = response.StatusCode == HttpStatusCode.BadRequest && html.Contains("无法识别的字符", StringComparison.Ordinal);
            if (!refused && !unreadable)
            {
                failures.Add($"{label}: {(int)response.StatusCode} without the message: {System.Text.RegularExpressions.Regex.Match(html, "<main>(.|\n){0,300}").Value}");
            }
        }
    }

    private static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields) => SignedForms.Of(page, fields);

    // A JSON string with every character outside printable ASCII escaped, so lone surrogates travel as the client wrote them.
    private static string JsonText(string value) =>
        "\"" + string.Concat(value.Select(c => c is >= ' ' and < '\u007F' and not '"' and not '\\' ? c.ToString() : $"\\u{(int)c:X4}")) + "\"";
}
