using System.Net;
using System.Text.RegularExpressions;

namespace Replies.Functions.IntegrationTests;

/// <summary>The server-rendered pages: the public's replies, sign-in, a proposer's items and timeline, the clerk's board.</summary>
public sealed partial class PagesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
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

        using var clerk = await host.SignedInBrowserAsync(ApiHost.Clerk);
        var board = await clerk.GetStringAsync("/board");
        Assert.Contains("关于加强科技创新促进产业发展的建议", board, StringComparison.Ordinal);
        Assert.Contains("关于围绕我市主导产业链 构建“链式”集群发展格局的建议", board, StringComparison.Ordinal);

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
        await ApiHost.SignInAsync(deputy, ApiHost.Deputy);

        var my = await deputy.GetStringAsync("/my");
        Assert.Contains("关于完善科技金融服务体系的建议", my, StringComparison.Ordinal);
        Assert.DoesNotContain("关于优化营商环境的建议", my, StringComparison.Ordinal);
        Assert.DoesNotContain("督办看板", my, StringComparison.Ordinal);
        var item = await deputy.GetStringAsync($"/items/{mine}");
        Assert.Contains("办理过程", item, StringComparison.Ordinal);
        Assert.Contains("提交", item, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await deputy.GetAsync($"/items/{others}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await deputy.GetAsync("/board")).StatusCode);

        using var clerk = await host.SignedInBrowserAsync(ApiHost.Clerk);
        var home = await clerk.GetAsync("/");
        Assert.Equal("/board", home.Headers.Location!.OriginalString);
        var board = await clerk.GetStringAsync("/board");
        Assert.Contains("督办期限看板", board, StringComparison.Ordinal);
        Assert.Contains("督办看板", board, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_role_has_its_workspace_and_the_submission_form_keeps_what_was_typed()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        using var deputy = await host.SignedInBrowserAsync(ApiHost.Deputy);
        var form = await deputy.GetStringAsync("/submit");
        Assert.Contains("提出建议", form, StringComparison.Ordinal);
        var key = KeyField().Match(form).Groups[1].Value;
        var fields = new Dictionary<string, string>
        {
            ["Key"] = key,
            ["Input.Title"] = "短",
            ["Input.Body"] = "建议完善科技金融服务体系，设立科技创新风险补偿资金池，支持科技型中小企业融资。",
            ["Input.Category"] = "科技创新",
        };
        var refused = await deputy.PostAsync("/submit", SignedForms.Of(form, fields));
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("标题至少5个字", html, StringComparison.Ordinal);
        Assert.Contains("设立科技创新风险补偿资金池", html, StringComparison.Ordinal);

        fields["Input.Title"] = "关于完善科技金融服务体系的建议";
        var accepted = await deputy.PostAsync("/submit", SignedForms.Of(html, fields));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var item = accepted.Headers.Location!.OriginalString;
        Assert.Contains("关于完善科技金融服务体系的建议", await deputy.GetStringAsync(item), StringComparison.Ordinal);
        // The same form sent again (a double click) files nothing new.
        var again = await deputy.PostAsync("/submit", SignedForms.Of(html, fields));
        Assert.Equal(item, again.Headers.Location!.OriginalString);

        using var clerk = await host.SignedInBrowserAsync(ApiHost.Clerk);
        Assert.Contains("关于完善科技金融服务体系的建议", await clerk.GetStringAsync("/queue"), StringComparison.Ordinal);
        Assert.Contains("共 1 件", await clerk.GetStringAsync("/list?stage=FilingReview"), StringComparison.Ordinal);
        Assert.Contains("办理阶段须为", await clerk.GetStringAsync("/list?stage=Nope"), StringComparison.Ordinal);
        Assert.Contains("class=\"bars\" role=\"img\"", await clerk.GetStringAsync("/metrics"), StringComparison.Ordinal);

        using var handler = await host.SignedInBrowserAsync(ApiHost.Handler);
        Assert.Contains("待签收", await handler.GetStringAsync("/inbox"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await handler.GetAsync("/queue")).StatusCode);
        using var leader = await host.SignedInBrowserAsync(ApiHost.Leader);
        Assert.Contains("待审签的答复稿", await leader.GetStringAsync("/approvals"), StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"Key\" value=\"([^\"]+)\"")]
    private static partial Regex KeyField();
}
