using System.Net;
using System.Text.RegularExpressions;

namespace Replies.Functions.IntegrationTests;

/// <summary>The server-rendered pages: the public's replies, sign-in, a proposer's items and timeline, the clerk's board.</summary>
[Collection(AzuriteGroup.Name)]
public sealed partial class PagesTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_public_pages_show_the_seeded_replies_without_contact_details()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString, loadSeeds: true);
        foreach (var seed in new[] { "seed-000", "seed-003", "seed-004" })
        {
            await host.WaitForAsync(seed, s => s.Stage == ProposalStage.Closed, 90);
        }

        using var browser = host.Browser();
        var list = await browser.GetStringAsync("/public");
        Assert.Contains("关于加强科技创新促进产业发展的建议", list, StringComparison.Ordinal);
        Assert.Contains("关于提升产业链内生动力推动长治新兴产业高质量发展的提案", list, StringComparison.Ordinal);
        Assert.Contains("lang=\"zh-CN\"", list, StringComparison.Ordinal);

        await ((Functions.Search.SearchIndexService)host.Services.GetService(typeof(Functions.Search.SearchIndexService))!).DrainAsync();
        var found = await browser.GetStringAsync("/public?q=" + Uri.EscapeDataString("产业链"));
        Assert.Contains("<mark>", found, StringComparison.Ordinal);

        var reply = await browser.GetStringAsync("/public/seed-000");
        Assert.Contains("一、大力培育科技型企业", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("2022535", reply, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/public/nope")).StatusCode);
    }

    [Fact]
    public async Task People_sign_in_and_see_only_their_own_pages_and_links()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        var mine = await host.SubmitAsync(ApiHost.Deputy, "关于完善科技金融服务体系的建议");
        var others = await host.SubmitAsync(ApiHost.Deputy2, "关于优化营商环境的建议");

        using var deputy = host.Browser();
        var redirect = await deputy.GetAsync("/my");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Contains("/login?ReturnUrl=%2Fmy", redirect.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await SignInAsync(deputy, ApiHost.Deputy);

        var my = await deputy.GetStringAsync("/my");
        Assert.Contains("关于完善科技金融服务体系的建议", my, StringComparison.Ordinal);
        Assert.DoesNotContain("关于优化营商环境的建议", my, StringComparison.Ordinal);
        Assert.DoesNotContain("督办看板", my, StringComparison.Ordinal);
        var item = await deputy.GetStringAsync($"/items/{mine}");
        Assert.Contains("办理过程", item, StringComparison.Ordinal);
        Assert.Contains("提交", item, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await deputy.GetAsync($"/items/{others}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await deputy.GetAsync("/board")).StatusCode);

        using var clerk = host.Browser();
        await SignInAsync(clerk, ApiHost.Clerk);
        var home = await clerk.GetAsync("/");
        Assert.Equal("/board", home.Headers.Location!.OriginalString);
        var board = await clerk.GetStringAsync("/board");
        Assert.Contains("督办期限看板", board, StringComparison.Ordinal);
        Assert.Contains("督办看板", board, StringComparison.Ordinal);
    }

    private static async Task SignInAsync(HttpClient browser, string personId)
    {
        var page = await browser.GetStringAsync("/login");
        var token = Token().Match(page).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["personId"] = personId, ["__RequestVerificationToken"] = token });
        var response = await browser.PostAsync("/login", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
