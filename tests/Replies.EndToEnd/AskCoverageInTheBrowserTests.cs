using Microsoft.Playwright;

namespace Replies.EndToEnd;

/// <summary>
/// 逐条对照 in a real Chromium: the deputy's asks split on the form, a draft that leaves one out shows it 未答复 in the
/// handler's editor, and the leader sees the same above the approval form.
/// </summary>
public sealed class AskCoverageInTheBrowserTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Title = "关于加强中小学生近视防控的建议";

    [Fact]
    public async Task A_draft_that_leaves_out_an_ask_shows_it_not_answered_to_the_handler_and_to_the_leader_before_approval()
    {
        await using var host = await BrowserHost.StartAsync(azurite.ConnectionString);

        // The deputy pastes a body with its asks, lets the form split them, and submits.
        var deputy = await host.SignInAsync("ye-yuanpeng");
        await BrowserHost.OpenAsync(deputy, "/submit");
        await deputy.FillAsync("input[name='Input.Title']", Title);
        await deputy.FillAsync("textarea[name='Input.Body']", "我市中小学生近视率居高不下。为此，建议：\n一是保障学生每天户外活动时间，落实每天校内外各1小时体育活动。\n二是改善教室采光照明条件，对不达标的教室灯光进行改造。\n三是建立学生视力健康电子档案，每学期开展两次视力筛查。");
        await deputy.SelectOptionAsync("select[name='Input.Category']", "科技创新");
        await deputy.ClickAsync("form.submit input[name='split']");
        Assert.Equal("改善教室采光照明条件，对不达标的教室灯光进行改造", await deputy.Locator("textarea[name='Input.Asks']").Nth(1).InputValueAsync());
        await host.ShotAsync(deputy, "asks-split");
        await BrowserHost.SubmitProposalAsync(deputy);
        var id = deputy.Url.Split('/')[^1];

        var clerk = await host.SignInAsync("zhou-min");
        await BrowserHost.OpenAsync(clerk, $"/items/{id}");
        await BrowserHost.ActAsync(clerk, "filing", f => f.Locator("select[name='Input.Decision']").SelectOptionAsync("File"));
        await BrowserHost.ActAsync(clerk, "assign", f => f.Locator("select[name='Input.LeadDepartment']").SelectOptionAsync("市科学技术局"));

        // The handler's draft answers the first two asks only.
        var handler = await host.SignInAsync("xu-xiaojun");
        await BrowserHost.OpenAsync(handler, $"/items/{id}");
        await BrowserHost.ActAsync(handler, "signFor");
        await BrowserHost.ActAsync(handler, "recordContact", f => f.Locator("textarea[name='Input.Summary']").FillAsync("电话听取意见"));
        await BrowserHost.ActAsync(handler, "saveDraft", f => f.Locator("textarea[name='Input.Text']").FillAsync($"叶元朋代表：\n您提出的《{Title}》收悉，现答复如下：\n一、工作开展情况\n（一）保障户外活动。全市中小学落实大课间制度，推动学生在校内外每天各有1小时体育活动。\n（二）改造教室照明。投入资金2600万元，对480间采光照明不达标的教室进行灯光改造。\n二、下一步打算\n我们将把近视防控纳入学校年度考核。\n感谢您对教育工作的关心和支持！"));
        var missing = handler.Locator("section.coverage li.missing");
        Assert.Equal(1, await missing.CountAsync());
        Assert.Contains("建立学生视力健康电子档案", await missing.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await handler.Locator("section.coverage li.answered").CountAsync());
        await host.ShotAsync(handler, "handler-coverage");
        await BrowserHost.ActAsync(handler, "submitForApproval", async f =>
        {
            await f.Locator("input[name='Input.HandlerName']").FillAsync("徐晓军");
            await f.Locator("input[name='Input.HandlerPhone']").FillAsync("0355-2022535");
        });

        // The leader sees the same before the approval form.
        var leader = await host.SignInAsync("zhang-weidong");
        await BrowserHost.OpenAsync(leader, $"/items/{id}");
        var coverage = leader.Locator("#submitted ~ section.coverage");
        Assert.Contains("未答复 1 条", await coverage.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("建立学生视力健康电子档案", await coverage.Locator("li.missing").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("送审稿检查：发现 1 处问题", await leader.ContentAsync(), StringComparison.Ordinal);
        Assert.True(await leader.Locator("section.coverage ~ h2", new PageLocatorOptions { HasText = "可办理事项" }).CountAsync() == 1, "the coverage stands above the approval form");
        await host.ShotAsync(leader, "leader-coverage");
    }
}
