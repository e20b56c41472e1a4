using Microsoft.Playwright;
using Replies.Workflows;
using Replies.Workflows.Storage;

namespace Replies.EndToEnd;

/// <summary>A whole lifecycle walked in a real Chromium the way the people would, then the board after a deadline.</summary>
public sealed class LifecycleInTheBrowserTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Title = "关于建设科技成果转化中试基地的建议";

    [Fact]
    public async Task A_suggestion_is_submitted_filed_drafted_returned_approved_rated_unsatisfied_rehandled_and_closed()
    {
        await using var host = await BrowserHost.StartAsync(azurite.ConnectionString);
        var store = (ProposalStore)host.Services.GetService(typeof(ProposalStore))!;

        // The deputy writes and submits, on a phone.
        var deputy = await host.SignInAsync("ye-yuanpeng", phone: true);
        await BrowserHost.OpenAsync(deputy, "/submit");
        await deputy.FillAsync("input[name='Input.Title']", Title);
        await deputy.FillAsync("textarea[name='Input.Body']", "建议统筹建设一批科技成果转化中试基地，完善中试基地开放共享机制，对中试服务给予补助，打通科技成果转化的最后一公里。");
        await deputy.SelectOptionAsync("select[name='Input.Category']", "科技创新");
        await host.ShotAsync(deputy, "deputy-writes");
        await BrowserHost.SubmitProposalAsync(deputy);
        var id = deputy.Url.Split('/')[^1];
        await host.ShotAsync(deputy, "deputy-item");

        // The clerk files and assigns it.
        var clerk = await host.SignInAsync("zhou-min");
        await BrowserHost.OpenAsync(clerk, "/queue");
        await host.ShotAsync(clerk, "clerk-queue");
        await clerk.ClickAsync($"a[href='/items/{id}']");
        await BrowserHost.ActAsync(clerk, "filing", f => f.Locator("select[name='Input.Decision']").SelectOptionAsync("File"));
        await BrowserHost.ActAsync(clerk, "assign", f => f.Locator("select[name='Input.LeadDepartment']").SelectOptionAsync("市科学技术局"));

        // The handler signs for it, records the contact, drafts and sends it for approval.
        var handler = await host.SignInAsync("xu-xiaojun");
        await BrowserHost.OpenAsync(handler, "/inbox");
        await host.ShotAsync(handler, "handler-inbox");
        await handler.ClickAsync($"a[href='/items/{id}']");
        await BrowserHost.ActAsync(handler, "signFor");
        await BrowserHost.ActAsync(handler, "recordContact", f => f.Locator("textarea[name='Input.Summary']").FillAsync("到代表单位当面听取意见建议"));
        await BrowserHost.ActAsync(handler, "saveDraft", f => f.Locator("textarea[name='Input.Text']").FillAsync($"叶元朋代表：\n您提出的《{Title}》收悉，现答复如下：\n一、工作开展情况\n我局已布局建设中试基地。\n二、下一步打算\n感谢您对科技工作的关心和支持！"));
        await SubmitForApprovalAsync(handler);
        await host.ShotAsync(handler, "handler-draft");

        // The leader returns it once, then approves the second version.
        var leader = await host.SignInAsync("zhang-weidong");
        await BrowserHost.OpenAsync(leader, "/approvals");
        await host.ShotAsync(leader, "leader-approvals");
        await leader.ClickAsync($"a[href='/items/{id}']");
        // The leader reads what they approve on the page itself.
        Assert.Contains("我局已布局建设中试基地", await leader.Locator("#submitted ~ div.letter").First.InnerTextAsync(), StringComparison.Ordinal);
        await BrowserHost.ActAsync(leader, "approve", async f =>
        {
            await f.Locator("input[name='Input.Approved'][value='false']").CheckAsync();
            await f.Locator("textarea[name='Input.Comments']").FillAsync("请补充中试服务补助的具体措施。");
        });
        await handler.ReloadAsync();
        Assert.Contains("请补充中试服务补助的具体措施。", await handler.ContentAsync(), StringComparison.Ordinal);
        await BrowserHost.ActAsync(handler, "saveDraft", f => f.Locator("textarea[name='Input.Text']").FillAsync($"叶元朋代表：\n您提出的《{Title}》收悉，现答复如下：\n一、工作开展情况\n我局已布局建设中试基地。\n二、中试服务补助措施\n对中试服务按费用给予补助。\n三、下一步打算\n感谢您对科技工作的关心和支持！"));
        await SubmitForApprovalAsync(handler);
        await leader.ReloadAsync();
        await host.ShotAsync(leader, "leader-item");
        await BrowserHost.ActAsync(leader, "approve");
        Assert.Equal(ProposalStage.AwaitingFeedback, (await store.GetAsync(id))!.Stage);

        // The deputy reads the letter and rates it 不满意: re-handling follows.
        await deputy.ReloadAsync();
        Assert.Contains("答复函", await deputy.ContentAsync(), StringComparison.Ordinal);
        await BrowserHost.ActAsync(deputy, "feedback", async f =>
        {
            await f.Locator("input[name='Input.Rating'][value='Unsatisfied']").CheckAsync();
            await f.Locator("textarea[name='Input.Comment']").FillAsync("补助标准不明确。");
        });
        Assert.Equal(ProposalStage.Drafting, (await store.GetAsync(id))!.Stage);

        await handler.ReloadAsync();
        await BrowserHost.ActAsync(handler, "recordContact", f => f.Locator("textarea[name='Input.Summary']").FillAsync("电话沟通补助标准"));
        await BrowserHost.ActAsync(handler, "saveDraft", f => f.Locator("textarea[name='Input.Text']").FillAsync($"叶元朋代表：\n关于《{Title}》，补充答复如下：\n一、补助标准\n按中试服务费用的30%给予补助。\n感谢您对科技工作的关心和支持！"));
        await SubmitForApprovalAsync(handler);
        await leader.ReloadAsync();
        await BrowserHost.ActAsync(leader, "approve");

        await deputy.ReloadAsync();
        await BrowserHost.ActAsync(deputy, "feedback", f => f.Locator("input[name='Input.Rating'][value='Satisfied']").CheckAsync());
        Assert.Contains("已办结", await deputy.ContentAsync(), StringComparison.Ordinal);
        await host.ShotAsync(deputy, "deputy-closed");

        // The public reads the published reply; the clerk sees the figures.
        await BrowserHost.OpenAsync(clerk, $"/public/{id}");
        await host.ShotAsync(clerk, "public-reply");
        await BrowserHost.OpenAsync(clerk, "/metrics");
        await host.ShotAsync(clerk, "clerk-metrics");
        Assert.Equal(2, (await store.GetAsync(id))!.Letters.Count);
    }

    [Fact]
    public async Task The_deadline_board_shows_an_item_overdue_once_the_clock_passes_its_deadline()
    {
        await using var host = await BrowserHost.StartAsync(azurite.ConnectionString);
        var store = (ProposalStore)host.Services.GetService(typeof(ProposalStore))!;
        var deputy = await host.SignInAsync("li-hongmei");
        await BrowserHost.OpenAsync(deputy, "/submit");
        await deputy.FillAsync("input[name='Input.Title']", "关于完善老旧小区加装电梯政策的建议");
        await deputy.FillAsync("textarea[name='Input.Body']", "建议简化老旧小区加装电梯审批流程，加大财政补贴力度，建立协商机制。");
        await deputy.SelectOptionAsync("select[name='Input.Category']", "城乡建设");
        await BrowserHost.SubmitProposalAsync(deputy);
        var id = deputy.Url.Split('/')[^1];

        var clerk = await host.SignInAsync("zhou-min");
        await BrowserHost.OpenAsync(clerk, $"/items/{id}");
        await BrowserHost.ActAsync(clerk, "filing", f => f.Locator("select[name='Input.Decision']").SelectOptionAsync("File"));
        await BrowserHost.ActAsync(clerk, "assign", f => f.Locator("select[name='Input.LeadDepartment']").SelectOptionAsync("市发展和改革委员会"));
        var due = (await store.GetAsync(id))!.ReplyDue!.Value;

        // Past the reply deadline: the lifecycle's alarm fires and marks the item overdue.
        host.Clock.Advance(due.ToDateTime(new TimeOnly(23, 59, 59)) - host.Clock.GetUtcNow().UtcDateTime.AddHours(8) + TimeSpan.FromDays(2));
        await Eventually.TrueAsync(async () => (await store.GetAsync(id))!.Overdue, TimeSpan.FromSeconds(60), "the reply deadline never passed in the lifecycle");

        await BrowserHost.SignInAgainAsync(clerk, "zhou-min");
        await BrowserHost.OpenAsync(clerk, "/board");
        var board = await clerk.Locator("#overdue + .scroll").InnerTextAsync();
        Assert.Contains("关于完善老旧小区加装电梯政策的建议", board, StringComparison.Ordinal);
        Assert.Contains("已逾期", board, StringComparison.Ordinal);
        await host.ShotAsync(clerk, "clerk-board-overdue");
    }

    private static Task SubmitForApprovalAsync(IPage handler) => BrowserHost.ActAsync(handler, "submitForApproval", async f =>
    {
        await f.Locator("input[name='Input.HandlerName']").FillAsync("徐晓军");
        await f.Locator("input[name='Input.HandlerPhone']").FillAsync("0355-2022535");
    });
}
