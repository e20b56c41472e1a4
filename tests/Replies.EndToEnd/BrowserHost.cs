using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Replies.Functions.Seeding;
using Replies.Local.Engine;
using Replies.Local.Hosting;
using Replies.Workflows.Directory;

namespace Replies.EndToEnd;

/// <summary>
/// The real host on Kestrel (a real port for a real browser) with a clock the test moves, on a private Azurite
/// prefix, and Debian's Chromium driven by Playwright. Screenshots go to <c>test-results/e2e</c> at the repository root.
/// </summary>
public sealed class BrowserHost : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
    private readonly WebApplication _app;
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private int _shots;

    private BrowserHost(WebApplication app, FakeTimeProvider clock, IPlaywright playwright, IBrowser browser, string address)
    {
        _app = app;
        Clock = clock;
        _playwright = playwright;
        _browser = browser;
        Address = address;
    }

    public FakeTimeProvider Clock { get; }

    public string Address { get; }

    public IServiceProvider Services => _app.Services;

    public static string Screenshots { get; } = FindScreenshots();

    public static async Task<BrowserHost> StartAsync(string connectionString)
    {
        var prefix = AzuriteFixture.NewHubName("e2e");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var app = LocalHost.Create(
            LocalHostArgs.For(connectionString, prefix, listen: true, "--Replies:Schedules:DeadlineSweep=00:00:00.200"),
            builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(clock);
                builder.Services.PostConfigure<EngineOptions>(DurableTestHost.FastOptions);
            });
        await LocalHost.StartAsync(app);
        var sample = Path.Combine(AppContext.BaseDirectory, "seeds", "sample.json");
        var data = JsonSerializer.Deserialize<SampleData>(await File.ReadAllTextAsync(sample), Json)!;
        await app.Services.GetRequiredService<DirectoryStore>().ImportAsync(data.Directory);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return new BrowserHost(app, clock, playwright, browser, address);
    }

    /// <summary>A person in their own browser window, signed in through the development sign-in page.</summary>
    public async Task<IPage> SignInAsync(string personId, bool phone = false)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address,
            Locale = "zh-CN",
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
        });
        // A page the test host serves while the machine's two cores also run the other test assemblies can take more than
        // Playwright's 30 s to load: a slow page is not what these tests check.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        await SignInAgainAsync(page, personId);
        return page;
    }

    /// <summary>
    /// Waits for the browser to be at an address <paramref name="url"/> accepts, its page read (parsed, not every
    /// subresource loaded): the address committed, then the document asked until it is past loading. Fresh-clone CI
    /// runs saw pages read whole while the waiter never got their DOMContentLoaded or network-idle event, and saw a
    /// page's load event held past any timeout; no test here is about when those fire.
    /// </summary>
    public static async Task ArriveAsync(IPage page, Func<string, bool> url)
    {
        await page.WaitForURLAsync(url, new() { WaitUntil = WaitUntilState.Commit });
        await ReadAsync(page);
    }

    /// <summary>Goes to <paramref name="path"/> and waits for its page to be read, as <see cref="ArriveAsync"/> does.</summary>
    public static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Commit });
        await ReadAsync(page);
    }

    private static Task ReadAsync(IPage page) =>
        page.WaitForFunctionAsync("() => document.readyState !== 'loading' && document.querySelector('main') !== null");

    /// <summary>
    /// Submits the proposal form and waits for the new item's page. A form that comes back instead (a field error, a
    /// refusal) fails the test with what the page says, not with a bare timeout.
    /// </summary>
    public static async Task SubmitProposalAsync(IPage page)
    {
        await page.ClickAsync("form.submit button[type=submit]");
        try
        {
            await ArriveAsync(page, url => url.Contains("/items/", StringComparison.Ordinal));
            await page.Locator("main h1").WaitForAsync();
        }
        catch (TimeoutException e)
        {
            var said = await page.Locator("main").InnerTextAsync(new() { Timeout = 5_000 }).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "(unreadable)", TaskScheduler.Default);
            throw new TimeoutException($"The submission did not arrive at its item page; the browser is at {page.Url}, which says: {said[..Math.Min(said.Length, 800)]}", e);
        }
    }

    public static async Task SignInAgainAsync(IPage page, string personId)
    {
        await OpenAsync(page, "/login");
        await page.ClickAsync($"button[data-person='{personId}']");
        await ArriveAsync(page, url => !url.Contains("/login", StringComparison.Ordinal));
    }

    /// <summary>Opens an action's form on the item page, lets <paramref name="fill"/> fill it, sends it and expects it taken.</summary>
    public static async Task ActAsync(IPage page, string act, Func<ILocator, Task>? fill = null)
    {
        var form = page.Locator($"details.act:has(input[name='act'][value='{act}'])");
        if (await form.GetAttributeAsync("open") is null)
        {
            await form.Locator("summary").ClickAsync();
        }

        if (fill is not null)
        {
            await fill(form);
        }

        // The form posts and is redirected back to the same address: mark the page shown now and wait for a new one.
        await page.EvaluateAsync("() => { window.__before = true; }");
        await form.Locator($"button[value='{act}']").ClickAsync();
        await page.WaitForFunctionAsync("() => window.__before === undefined && document.readyState !== 'loading'", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        var flash = page.Locator("p.flash");
        if (await flash.CountAsync() != 1)
        {
            var why = string.Join(" ", await page.Locator(".errors, .error").AllInnerTextsAsync());
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"failed-{act}.png"), FullPage = true });
            Assert.Fail($"{act} was not taken at {page.Url}: {why}");
        }
    }

    public async Task ShotAsync(IPage page, string name)
    {
        var n = Interlocked.Increment(ref _shots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"{n:D2}-{name}.png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string FindScreenshots()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Replies.sln")))
            {
                var path = Path.Combine(dir.FullName, "test-results", "e2e");
                Directory.CreateDirectory(path);
                return path;
            }
        }

        throw new InvalidOperationException("Replies.sln not found above the test binaries.");
    }
}
