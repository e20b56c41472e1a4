using System.Net;
using Replies.Functions.Startup;

namespace Replies.Functions.IntegrationTests;

/// <summary>
/// Every role against every page function, as a browser with the session cookie: a page a person may use answers 200,
/// a person without sign-in is sent to sign in, a signed-in person without the role is told 403, an item they may not
/// see is 404; a form posted without its antiforgery token is refused. Adding a page without adding it here fails.
/// </summary>
public sealed class PageAccessMatrixTests(AzuriteFixture azurite, PageAccessMatrixTests.DraftingItem items) : IClassFixture<AzuriteFixture>, IClassFixture<PageAccessMatrixTests.DraftingItem>
{
    private const string Anonymous = "anonymous";

    private static readonly string[] People =
    [
        ApiHost.Deputy, ApiHost.Deputy2, ApiHost.Member, ApiHost.Handler, ApiHost.Leader, ApiHost.CoHandler,
        ApiHost.OtherHandler, ApiHost.OtherLeader, ApiHost.Clerk, ApiHost.Admin, Anonymous,
    ];

    private static readonly string[] Proposers = [ApiHost.Deputy, ApiHost.Deputy2, ApiHost.Member];
    private static readonly string[] Staff = [ApiHost.Handler, ApiHost.Leader, ApiHost.CoHandler, ApiHost.OtherHandler, ApiHost.OtherLeader];
    private static readonly string[] Leaders = [ApiHost.Leader, ApiHost.OtherLeader];
    private static readonly string[] Oversight = [ApiHost.Clerk, ApiHost.Admin];
    private static readonly string[] SignedIn = [.. People.Where(p => p != Anonymous)];
    private static readonly string[] SeeItem = [ApiHost.Deputy, ApiHost.Handler, ApiHost.Leader, ApiHost.CoHandler, ApiHost.Clerk, ApiHost.Admin];

    // The item's id in a path, filled in when the row runs.
    private const string Item = "{id}";

    public static TheoryData<string, string[], string> Pages => new()
    {
        { "/public", People, "ShowPublicReplies" },
        { "/login", People, "ShowLogin" },
        { "/my", Proposers, "ShowMyItems" },
        { "/submit", (string[])[.. Proposers, ApiHost.Clerk], "ShowSubmitForm" },
        { "/inbox", Staff, "ShowInbox" },
        { "/approvals", Leaders, "ShowApprovals" },
        { "/board", Oversight, "ShowBoard" },
        { "/queue", Oversight, "ShowClerkQueues" },
        { "/list", Oversight, "ShowList" },
        { "/metrics", Oversight, "ShowMetrics" },
        { $"/items/{Item}", SeeItem, "ShowItem" },
        { "/api/docs", People, "ShowApiReference" },
        { "/messages", SignedIn, "ShowMessages" },
        { "/assets/site.css", People, "StaticAsset" },
        { "/dev/sms", People, "ShowDevSms" },
        { "/directory", new[] { ApiHost.Admin }, "ShowDirectory" },
    };

    [Fact]
    public void Every_page_function_is_in_the_matrix_or_checked_elsewhere()
    {
        // Pages reached by other means: / redirects, forms post (checked below), a published reply and an issued letter
        // need an item that far along (MarkupAsTextTests opens both), a message is opened from /messages (the browser
        // tests open one), failures and unknown addresses answer alike for everyone (FailureAnswersTests), a failed notice
        // is sent again from the board (NoticeDeliveryTests), the directory's forms post from its page (DirectoryPageTests), files are added and removed from the item page (IntakeTests).
        string[] elsewhere = ["Home", "SignIn", "SignOut", "SubmitForm", "ActOnItem", "ShowPublicReply", "ShowLetter", "OpenMessage", "DevFaultPage", "ResendNoticeForm", "SaveContactForm", "SaveDepartmentForm", "AttachToItem", "RemoveAttachmentForm", Functions.Pages.UnknownAddress.FunctionName];
        var covered = Pages.Select(row => (string)row[2]).Concat(elsewhere).ToHashSet();
        var missing = FunctionRoutes.All.Where(f => !f.IsApi || f.Name == "ShowApiReference").Select(f => f.Name).Where(n => !covered.Contains(n)).ToList();
        Assert.True(missing.Count == 0, "pages missing from the matrix: " + string.Join(", ", missing));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_role_is_allowed_or_denied_the_page_as_the_rules_say(string path, string[] allowed, string function)
    {
        Assert.NotEmpty(function);
        path = path.Replace(Item, items.Id, StringComparison.Ordinal);
        var failures = new List<string>();
        foreach (var person in People)
        {
            var browser = await items.BrowserAsync(person);
            using var response = await browser.GetAsync(path);
            var expected = allowed.Contains(person) ? HttpStatusCode.OK
                : person == Anonymous ? HttpStatusCode.Redirect
                : path.StartsWith("/items/", StringComparison.Ordinal) ? HttpStatusCode.NotFound
                : HttpStatusCode.Forbidden;
            if (response.StatusCode != expected)
            {
                failures.Add($"as {person}: {(int)response.StatusCode} (expected {(int)expected})");
            }

            if (expected == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.StartsWith("/login?ReturnUrl=", StringComparison.Ordinal) != true)
            {
                failures.Add($"anonymously went to {response.Headers.Location} instead of signing in");
            }

            if (expected is HttpStatusCode.Forbidden or HttpStatusCode.NotFound && response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                failures.Add($"as {person}: {(int)response.StatusCode} is not a page");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Forms_without_a_valid_antiforgery_token_are_refused_and_change_nothing()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        var id = await host.SubmitAsync(ApiHost.Deputy);
        using var clerk = await host.SignedInBrowserAsync(ApiHost.Clerk);
        var page = await clerk.GetStringAsync($"/items/{id}");
        Assert.Contains("value=\"filing\"", page, StringComparison.Ordinal);
        foreach (var token in new[] { null, "forged", SignedForms.Token(await host.Browser().GetStringAsync("/login")) })
        {
            var fields = new Dictionary<string, string> { ["act"] = "filing", ["Input.Decision"] = "File" };
            if (token is not null)
            {
                fields[SignedForms.TokenField] = token;
            }

            var response = await clerk.PostAsync($"/items/{id}", new FormUrlEncodedContent(fields));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("表单已过期", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(Workflows.ProposalStage.FilingReview, (await host.Store.GetAsync(id))!.Stage);
    }

    /// <summary>An item in drafting and one browser a person, signed in once (the anonymous one is not).</summary>
    public sealed class DraftingItem : HostWithItems
    {
        private readonly Dictionary<string, HttpClient> _browsers = new(StringComparer.Ordinal);

        public string Id { get; private set; } = "";

        protected override async Task PrepareAsync() => Id = await Host.DriveToDraftingAsync();

        public async Task<HttpClient> BrowserAsync(string person)
        {
            if (!_browsers.TryGetValue(person, out var browser))
            {
                browser = _browsers[person] = person == Anonymous ? Host.Browser() : await Host.SignedInBrowserAsync(person);
            }

            return browser;
        }

        public override async Task DisposeAsync()
        {
            foreach (var browser in _browsers.Values)
            {
                browser.Dispose();
            }

            await base.DisposeAsync();
        }
    }
}
