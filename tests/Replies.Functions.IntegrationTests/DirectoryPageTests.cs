using System.Net;

namespace Replies.Functions.IntegrationTests;

/// <summary>
/// The administrator's directory page: where a person's notices go and who receives a department's, changed through
/// the page's forms with the same checks as the API; a refused form keeps what was typed and changes nothing.
/// </summary>
public sealed class DirectoryPageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task The_administrator_sets_a_persons_mobile_and_channels_and_a_bad_number_is_refused_with_nothing_changed()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        using var admin = await host.SignedInBrowserAsync(ApiHost.Admin);
        var page = await admin.GetStringAsync("/directory?q=" + Uri.EscapeDataString("叶元朋"));
        Assert.Contains("id=\"p-ye-yuanpeng\"", page, StringComparison.Ordinal);
        Assert.Contains("人大代表", page, StringComparison.Ordinal);
        var before = await PersonAsync(host, "叶元朋");

        async Task<HttpResponseMessage> Post(string mobile, string email, params string[] channels)
        {
            var fields = new List<KeyValuePair<string, string>> { new("q", "叶元朋"), new("mobile", mobile), new("email", email) };
            fields.AddRange(channels.Select(c => new KeyValuePair<string, string>("channels", c)));
            return await admin.PostAsync("/directory/people/ye-yuanpeng", SignedForms.Of(page, fields));
        }

        var refused = await Post("12345", "", "Sms", "Mail");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var shown = await refused.Content.ReadAsStringAsync();
        Assert.Contains("手机号码须为11位数字", shown, StringComparison.Ordinal);
        Assert.Contains("选择邮件通知须填写电子邮箱", shown, StringComparison.Ordinal);
        Assert.Contains("value=\"12345\"", shown, StringComparison.Ordinal);
        Assert.Equal(before.GetRawText(), (await PersonAsync(host, "叶元朋")).GetRawText());

        var saved = await Post("138 0013 8000", "ye@example.cn", "Sms");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/directory?q=%E5%8F%B6%E5%85%83%E6%9C%8B#p-ye-yuanpeng", saved.Headers.Location!.OriginalString);
        var after = await PersonAsync(host, "叶元朋");
        Assert.Equal(("13800138000", "ye@example.cn"), (after.GetProperty("mobile").GetString(), after.GetProperty("email").GetString()));
        Assert.Equal(["Sms"], after.GetProperty("channels").EnumerateArray().Select(c => c.GetString()!).ToArray());
        Assert.Contains("已保存叶元朋的通知方式", await admin.GetStringAsync("/directory"), StringComparison.Ordinal);

        using var clerk = await host.SignedInBrowserAsync(ApiHost.Clerk);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/directory")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/directory/people/nobody", SignedForms.Of(page))).StatusCode);
    }

    [Fact]
    public async Task The_administrator_names_a_departments_duty_handler_and_leader_from_its_own_staff()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        using var admin = await host.SignedInBrowserAsync(ApiHost.Admin);
        var page = await admin.GetStringAsync("/directory");
        Assert.Contains($"id=\"d-{ApiHost.Lead}\"", page, StringComparison.Ordinal);
        Task<HttpResponseMessage> Post(string duty, string leader) => admin.PostAsync(
            "/directory/departments/" + Uri.EscapeDataString(ApiHost.Lead),
            SignedForms.Of(page, ("dutyHandlerId", duty), ("leaderId", leader)));

        // Left empty, every handler of the department receives its notices.
        Assert.Equal(HttpStatusCode.Redirect, (await Post("", "")).StatusCode);
        Assert.Null(await DutyHandlerAsync(host));

        // A handler of another department is not this department's duty handler.
        var refused = await Post(ApiHost.OtherHandler, ApiHost.Leader);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("值班承办人须为本单位的承办人", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await DutyHandlerAsync(host));

        Assert.Equal(HttpStatusCode.Redirect, (await Post(ApiHost.Handler, ApiHost.Leader)).StatusCode);
        Assert.Equal(ApiHost.Handler, await DutyHandlerAsync(host));
        Assert.Contains($"<option value=\"{ApiHost.Handler}\" selected", await admin.GetStringAsync("/directory"), StringComparison.Ordinal);
    }

    private static async Task<System.Text.Json.JsonElement> PersonAsync(ApiHost host, string name) =>
        (await host.GetJsonAsync(ApiHost.Admin, "/api/directory/people?q=" + Uri.EscapeDataString(name))).EnumerateArray().Single();

    private static async Task<string?> DutyHandlerAsync(ApiHost host) =>
        (await host.GetJsonAsync(ApiHost.Admin, "/api/directory/departments")).EnumerateArray()
            .Single(d => d.GetProperty("departmentId").GetString() == ApiHost.Lead).TryGetProperty("dutyHandlerId", out var duty) ? duty.GetString() : null;
}
