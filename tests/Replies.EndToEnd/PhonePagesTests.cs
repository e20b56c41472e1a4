using Microsoft.Playwright;

namespace Replies.EndToEnd;

/// <summary>
/// Every role's pages as people meet them: each lands on their own work after sign-in, and on a phone (390 px) no page
/// scrolls sideways and none logs a console error.
/// </summary>
public sealed class PhonePagesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Theory]
    [InlineData("ye-yuanpeng", "/my")]
    [InlineData("xu-xiaojun", "/inbox")]
    [InlineData("zhang-weidong", "/approvals")]
    [InlineData("zhou-min", "/board")]
    [InlineData("admin", "/board")]
    public async Task Each_person_lands_on_their_own_work_after_sign_in_and_at_the_root(string person, string work)
    {
        await using var host = await BrowserHost.StartAsync(azurite.ConnectionString);
        var page = await host.SignInAsync(person);
        Assert.EndsWith(work, new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await BrowserHost.OpenAsync(page, "/");
        Assert.EndsWith(work, new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_phone_no_page_of_any_role_scrolls_sideways_logs_a_console_error_or_shows_a_menu_other_than_its_unread_count()
    {
        await using var host = await BrowserHost.StartAsync(azurite.ConnectionString);
        // One item with a long title in the lists, filed and assigned, so tables and the item page have content.
        var deputy = await host.SignInAsync("ye-yuanpeng", phone: true);
        await BrowserHost.OpenAsync(deputy, "/submit");
        await deputy.FillAsync("input[name='Input.Title']", "关于进一步完善市人大十二届三次会议期间代表建议办理工作机制并加强跟踪督办的建议");
        await deputy.FillAsync("textarea[name='Input.Body']", "建议完善代表建议办理工作机制，明确承办单位责任，加强跟踪督办，提高办理质量和满意度。");
        await deputy.SelectOptionAsync("select[name='Input.Category']", "其他");
        await BrowserHost.SubmitProposalAsync(deputy);
        var item = new Uri(deputy.Url).AbsolutePath;
        var clerk = await host.SignInAsync("zhou-min", phone: true);
        await BrowserHost.OpenAsync(clerk, item);
        await BrowserHost.ActAsync(clerk, "filing", f => f.Locator("select[name='Input.Decision']").SelectOptionAsync("File"));
        await BrowserHost.ActAsync(clerk, "assign", f => f.Locator("select[name='Input.LeadDepartment']").SelectOptionAsync("市科学技术局"));

        var pages = new (string Person, string[] Paths)[]
        {
            ("ye-yuanpeng", ["/my", "/submit", item, "/public", "/messages"]),
            ("xu-xiaojun", ["/inbox", item, "/public", "/messages"]),
            ("zhang-weidong", ["/approvals", "/inbox", item, "/messages"]),
            ("zhou-min", ["/board", "/queue", "/list", "/metrics", item, "/api/docs", "/messages"]),
            ("admin", ["/board", "/list", "/metrics", "/directory", "/messages"]),
        };
        var failures = new List<string>();
        foreach (var (person, paths) in pages)
        {
            var page = await host.SignInAsync(person, phone: true);
            var errors = new List<string>();
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    errors.Add(message.Text);
                }
            };
            page.PageError += (_, error) => errors.Add(error);
            await BrowserHost.OpenAsync(page, "/messages");
            var unread = await page.Locator("ul.notices li.unread").CountAsync();
            foreach (var path in paths)
            {
                errors.Clear();
                // Laid out as a phone shows it: every stylesheet and font loaded (the document asked, not its load event awaited).
                await BrowserHost.OpenAsync(page, path);
                await page.WaitForFunctionAsync("() => document.readyState === 'complete'");

                // The menu as a person reads it: no template text, and the count the 消息 page lists as unread.
                var menu = await page.Locator("nav.bar").InnerTextAsync();
                if (menu.IndexOfAny(['@', '{', '}']) >= 0 || !menu.Contains("消息", StringComparison.Ordinal))
                {
                    failures.Add($"{path} as {person}: the menu reads '{menu.ReplaceLineEndings(" ")}'");
                }

                if (await UnreadAsync(page) != unread)
                {
                    failures.Add($"{path} as {person}: the menu counts {await UnreadAsync(page)} unread, the 消息 page lists {unread}");
                }
                var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
                var (scroll, inner) = (widths[0], widths[1]);
                if (scroll > inner)
                {
                    failures.Add($"{path} as {person}: {scroll} px wide on a {inner} px screen");
                    await host.ShotAsync(page, $"wide-{person}{path.Replace('/', '-')}");
                }

                failures.AddRange(errors.Select(e => $"{path} as {person}: console error {e}"));
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task The_handler_sees_a_new_assignment_in_messages_with_the_unread_count_opens_it_and_the_count_drops()
    {
        await using var host = await BrowserHost.StartAsync(azurite.ConnectionString);
        var deputy = await host.SignInAsync("li-hongmei");
        await BrowserHost.OpenAsync(deputy, "/submit");
        await deputy.FillAsync("input[name='Input.Title']", "关于建设城市口袋公园的建议");
        await deputy.FillAsync("textarea[name='Input.Body']", "建议利用城市边角地建设口袋公园，方便市民就近休闲健身。");
        await deputy.SelectOptionAsync("select[name='Input.Category']", "城乡建设");
        await BrowserHost.SubmitProposalAsync(deputy);
        var item = new Uri(deputy.Url).AbsolutePath;

        var handler = await host.SignInAsync("xu-xiaojun");
        var before = await UnreadAsync(handler);
        var clerk = await host.SignInAsync("zhou-min");
        await BrowserHost.OpenAsync(clerk, item);
        await BrowserHost.ActAsync(clerk, "filing", f => f.Locator("select[name='Input.Decision']").SelectOptionAsync("File"));
        await BrowserHost.ActAsync(clerk, "assign", f => f.Locator("select[name='Input.LeadDepartment']").SelectOptionAsync("市科学技术局"));

        await BrowserHost.OpenAsync(handler, "/messages");
        var unread = await UnreadAsync(handler);
        Assert.True(unread > before, $"the unread count stayed at {unread}");
        var notice = handler.Locator("ul.notices li.unread a", new PageLocatorOptions { HasText = "关于建设城市口袋公园的建议" });
        Assert.Contains("主办", await notice.First.InnerTextAsync(), StringComparison.Ordinal);
        await host.ShotAsync(handler, "handler-messages");
        await notice.First.ClickAsync();
        await handler.WaitForURLAsync($"**{item}");
        Assert.Equal(unread - 1, await UnreadAsync(handler));
        await BrowserHost.OpenAsync(handler, "/messages");
        Assert.Equal(0, await handler.Locator("ul.notices li.unread a", new PageLocatorOptions { HasText = "关于建设城市口袋公园的建议" }).CountAsync());
    }

    private static async Task<int> UnreadAsync(IPage page)
    {
        var count = page.Locator("a.messages .count");
        return await count.CountAsync() == 0 ? 0 : int.Parse(await count.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
