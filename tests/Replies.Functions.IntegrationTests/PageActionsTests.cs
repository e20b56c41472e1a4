using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace Replies.Functions.IntegrationTests;

/// <summary>The item page's forms carry a proposal through its lifecycle as people would in a browser.</summary>
public sealed partial class PageActionsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Clerk_handler_leader_and_deputy_act_through_the_item_page_and_a_refused_form_keeps_what_was_typed()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        var id = await host.SubmitAsync(ApiHost.Deputy);
        var page = $"/items/{id}";

        using var clerk = await host.SignedInBrowserAsync(ApiHost.Clerk);
        await ActAsync(clerk, page, "filing", new() { ["Input.Decision"] = "File" });
        await ActAsync(clerk, page, "assign", new() { ["Input.LeadDepartment"] = ApiHost.Lead });
        Assert.Equal(ProposalStage.AwaitingSignOff, (await host.Store.GetAsync(id))!.Stage);

        using var handler = await host.SignedInBrowserAsync(ApiHost.Handler);
        await ActAsync(handler, page, "signFor", []);
        await ActAsync(handler, page, "recordContact", new() { ["Input.Date"] = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["Input.Form"] = "当面", ["Input.Summary"] = "到代表单位当面听取意见" });
        await ActAsync(handler, page, "saveDraft", new() { ["Input.Text"] = "叶元朋代表：\n您提出的《关于加强科技创新促进产业发展的建议》收悉，现答复如下：\n一、工作开展情况\n二、下一步打算\n感谢您的关心和支持！" });
        await ActAsync(handler, page, "submitForApproval", new() { ["Input.DraftVersion"] = "1", ["Input.ResultClass"] = "B", ["Input.Disclosure"] = "Full", ["Input.HandlerName"] = "徐晓军", ["Input.HandlerPhone"] = "0355-2022535" });

        // Returning without comments is refused beside the field; nothing changes.
        using var leader = await host.SignedInBrowserAsync(ApiHost.Leader);
        var refused = await PostAsync(leader, page, "approve", new() { ["Input.Approved"] = "false", ["Input.Comments"] = "" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("退回修改须填写意见", html, StringComparison.Ordinal);
        Assert.Equal(ProposalStage.AwaitingApproval, (await host.Store.GetAsync(id))!.Stage);
        await ActAsync(leader, page, "approve", new() { ["Input.Approved"] = "false", ["Input.Comments"] = "请补充资金支持措施。" });

        // The handler sees the comments and the earlier text in the editor; a wrong date is refused beside its field.
        var editor = await handler.GetStringAsync(page);
        Assert.Contains("请补充资金支持措施。", editor, StringComparison.Ordinal);
        Assert.Contains("二、下一步打算", editor, StringComparison.Ordinal);
        var badDate = await PostAsync(handler, page, "requestExtension", new() { ["Input.Until"] = "2020-01-01", ["Input.Reason"] = "需要调研论证" });
        Assert.Contains("延期至日期须晚于今天", await badDate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("需要调研论证", await badDate.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await ActAsync(handler, page, "saveDraft", new() { ["Input.Text"] = "叶元朋代表：\n您提出的《关于加强科技创新促进产业发展的建议》收悉，现答复如下：\n一、工作开展情况\n二、资金支持措施\n三、下一步打算\n感谢您的关心和支持！" });
        await ActAsync(handler, page, "submitForApproval", new() { ["Input.DraftVersion"] = "2", ["Input.ResultClass"] = "B", ["Input.Disclosure"] = "Full", ["Input.HandlerName"] = "徐晓军", ["Input.HandlerPhone"] = "0355-2022535" });
        await ActAsync(leader, page, "approve", new() { ["Input.Approved"] = "true" });

        using var deputy = await host.SignedInBrowserAsync(ApiHost.Deputy);
        var mine = await deputy.GetStringAsync(page);
        Assert.Contains("满意度测评", mine, StringComparison.Ordinal);
        Assert.DoesNotContain("答复稿版本", mine, StringComparison.Ordinal);
        await ActAsync(deputy, page, "feedback", new() { ["Input.Rating"] = "Satisfied" });
        Assert.Equal(ProposalStage.Closed, (await host.Store.GetAsync(id))!.Stage);
    }

    [Fact]
    public async Task Every_decision_of_the_catalog_is_given_at_its_own_address_or_by_one_command_with_its_own_form()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        var commands = host.Services.GetServices<Decisions.IItemCommand>().Select(c => c.Decision.Name).ToList();

        Assert.Equal(commands.Distinct().Count(), commands.Count);
        Assert.All(Workflows.Lifecycle.DecisionCatalog.All, d => Assert.True(commands.Contains(d.Name) != d.Segment is not null, $"{d.Name}: given {(d.Segment is null ? "by no function" : "by its command and at its address")}"));
        Assert.All(host.Services.GetServices<Decisions.IItemCommand>(), c => Assert.True(c.Fields.IsSubclassOf(typeof(Web.DecisionFields)), $"{c.Decision.Name}: {c.Fields.Name} is no form of a decision"));
    }

    private static async Task ActAsync(HttpClient browser, string page, string act, Dictionary<string, string> fields)
    {
        var response = await PostAsync(browser, page, act, fields);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{act}: {(int)response.StatusCode} {Regex.Match(body, "<div class=\"errors\"[^>]*>(.*?)</div>", RegexOptions.Singleline).Value}");
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string page, string act, Dictionary<string, string> fields)
    {
        var html = await browser.GetStringAsync(page);
        Assert.Contains($"value=\"{act}\"", html, StringComparison.Ordinal);
        fields["act"] = act;
        return await browser.PostAsync(page, SignedForms.Of(html, fields));
    }
}
