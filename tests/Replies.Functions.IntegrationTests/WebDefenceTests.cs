using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Replies.Functions.IntegrationTests;

/// <summary>
/// The web's defences: security headers on every answer (pages, API, the host's own 404), pages without inline
/// script or style so the policy can forbid them, cookies that scripts cannot read, and rate limits on submissions
/// and sign-ins answered 429 with <c>Retry-After</c>.
/// </summary>
public sealed partial class WebDefenceTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Every_answer_carries_the_security_headers_and_no_page_has_inline_script_or_style()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        var id = await host.DriveToDraftingAsync();
        using var clerk = await host.SignedInBrowserAsync(ApiHost.Clerk);
        using var deputy = await host.SignedInBrowserAsync(ApiHost.Deputy);
        var api = await host.AsAsync(ApiHost.Clerk);
        var requests = new (HttpClient Client, string Path)[]
        {
            (host.Browser(), "/login"), (host.Browser(), "/public"), (host.Browser(), "/my"), (host.Browser(), "/nowhere"),
            (host.Browser(), "/assets/site.css"), (host.Browser(), "/api/docs"), (deputy, "/my"), (deputy, "/submit"), (deputy, "/board"),
            (clerk, "/board"), (clerk, "/queue"), (clerk, "/list"), (clerk, "/metrics"), (clerk, $"/items/{id}"), (clerk, "/messages"),
            (clerk, "/items/NOPE-0000"), (api, "/api/proposals"), (api, $"/api/proposals/{id}"), (api, "/api/proposals?stage=Nope"),
            (host.Anonymous, "/api/proposals"), (api, "/api/health"), (api, "/api/openapi/v1.json"),
        };
        var failures = new List<string>();
        foreach (var (client, path) in requests)
        {
            using var response = await client.GetAsync(path);
            var headers = response.Headers;
            var csp = headers.TryGetValues("Content-Security-Policy", out var c) ? string.Join(' ', c) : "";
            if (!csp.Contains("script-src 'self'", StringComparison.Ordinal) || csp.Contains("unsafe-inline", StringComparison.Ordinal) || !csp.Contains("frame-ancestors 'none'", StringComparison.Ordinal))
            {
                failures.Add($"{path}: Content-Security-Policy '{csp}'");
            }

            foreach (var (name, value) in new[] { ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "same-origin"), ("X-Frame-Options", "DENY") })
            {
                if (!headers.TryGetValues(name, out var values) || values.Single() != value)
                {
                    failures.Add($"{path} ({(int)response.StatusCode}): {name} missing or not {value}");
                }
            }

            if (response.Content.Headers.ContentType?.MediaType == "text/html")
            {
                var html = await response.Content.ReadAsStringAsync();
                if (InlineScript().IsMatch(html) || html.Contains(" style=", StringComparison.Ordinal) || EventHandler().IsMatch(html))
                {
                    failures.Add($"{path}: inline script, style or event handler in the page");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Cookies_are_http_only_and_same_site_and_secure_outside_development()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        using var browser = host.Browser();
        var login = await browser.GetAsync("/login");
        var signedIn = await browser.PostAsync("/login", SignedForms.Of(await login.Content.ReadAsStringAsync(), ("personId", ApiHost.Deputy)));
        var cookies = login.Headers.GetValues("Set-Cookie").Concat(signedIn.Headers.GetValues("Set-Cookie")).ToList();
        Assert.Contains(cookies, c => c.StartsWith("replies.session=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith("replies.antiforgery=", StringComparison.Ordinal));
        Assert.All(cookies, c =>
        {
            Assert.Contains("httponly", c, StringComparison.OrdinalIgnoreCase);
            Assert.Matches("samesite=(lax|strict)", c.ToLowerInvariant());
        });

        // Outside Development every cookie the app sets is sent over HTTPS only.
        await using var production = await ApiHost.StartAsync(azurite.ConnectionString, false, "--environment=Production", "--Replies:Auth:DevSignIn=false");
        var session = production.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);
        Assert.Equal(CookieSecurePolicy.Always, session.Cookie.SecurePolicy);
        var antiforgery = production.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>>().Value;
        Assert.Equal(CookieSecurePolicy.Always, antiforgery.Cookie.SecurePolicy);
        var page = await production.Browser().GetAsync("/public");
        Assert.All(page.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Submissions_are_limited_per_person_and_per_address_with_retry_after()
    {
        await using var host = await ApiHost.StartAsync(
            azurite.ConnectionString,
            false,
            "--Replies:Limits:SubmissionsPerPerson=3",
            "--Replies:Limits:SubmissionsPerAddress=5");
        var body = new { title = "关于加强社区养老服务的建议", body = "建议完善社区养老服务设施，提升居家养老服务水平。", category = "科技创新" };
        var created = new List<string>();
        async Task CreatedAsync(string person)
        {
            var response = await host.PostAsync(person, "/api/proposals", body);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            created.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!);
        }

        for (var i = 0; i < 3; i++)
        {
            await CreatedAsync(ApiHost.Deputy);
        }

        await AssertLimitedAsync(await host.PostAsync(ApiHost.Deputy, "/api/proposals", body));

        // Another person at the same address has their own three, until the address's five are used.
        await CreatedAsync(ApiHost.Deputy2);
        await CreatedAsync(ApiHost.Deputy2);
        await AssertLimitedAsync(await host.PostAsync(ApiHost.Deputy2, "/api/proposals", body));
        await AssertLimitedAsync(await host.PostAsync(ApiHost.Member, "/api/proposals", body));

        // The form is held to the same limit and says so on a page.
        using var browser = await host.SignedInBrowserAsync(ApiHost.Member);
        var form = await browser.GetStringAsync("/submit");
        var response = await browser.PostAsync("/submit", SignedForms.Of(form, new Dictionary<string, string>
        {
            ["Input.Title"] = body.title,
            ["Input.Body"] = body.body,
            ["Input.Category"] = body.category,
        }));
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        Assert.Contains("操作过于频繁", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var id in created)
        {
            await host.WaitForAsync(id, s => s.Sequence >= 1);
        }

        // The refused ones started nothing.
        Assert.Equal(5, (await host.GetJsonAsync(ApiHost.Clerk, "/api/proposals")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Behind_App_Service_two_client_addresses_in_the_forwarded_header_count_separately()
    {
        // As infra/ sets it: the platform's front ends write the client's address:port into X-Forwarded-For.
        await using var host = await ApiHost.StartAsync(
            azurite.ConnectionString,
            false,
            "--Replies:Limits:TrustForwardedFor=true",
            "--Replies:Limits:SubmissionsPerAddress=2");
        var deputy = await host.AsAsync(ApiHost.Deputy);
        async Task<HttpStatusCode> SubmitFromAsync(string forwarded)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/proposals")
            {
                Content = JsonContent.Create(new { title = "关于加强社区养老服务的建议", body = "建议完善社区养老服务设施，提升居家养老服务水平。", category = "科技创新" }),
            };
            request.Headers.Add("X-Forwarded-For", forwarded);
            return (await deputy.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.Created, await SubmitFromAsync("203.0.113.7:50321"));
        Assert.Equal(HttpStatusCode.Created, await SubmitFromAsync("203.0.113.7:50999"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SubmitFromAsync("203.0.113.7:51000"));
        Assert.Equal(HttpStatusCode.Created, await SubmitFromAsync("198.51.100.20:40000"));
        Assert.Equal(HttpStatusCode.Created, await SubmitFromAsync("198.51.100.20:40001"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SubmitFromAsync("198.51.100.20:40002"));
        Assert.Equal(HttpStatusCode.Created, await SubmitFromAsync("[2001:db8::5]:40003"));
    }

    [Fact]
    public async Task Two_instances_on_one_storage_count_one_limit()
    {
        var prefix = AzuriteFixture.NewHubName("limits");
        string[] shared = [$"--Replies:Api:StoragePrefix={prefix}", $"--extensions:durableTask:hubName={prefix}hub", "--Replies:Limits:SubmissionsPerPerson=3"];
        await using var first = await ApiHost.StartAsync(azurite.ConnectionString, false, shared);
        await using var second = await ApiHost.StartAsync(azurite.ConnectionString, false, shared);
        var body = new { title = "关于加强社区养老服务的建议", body = "建议完善社区养老服务设施，提升居家养老服务水平。", category = "科技创新" };

        Assert.Equal(HttpStatusCode.Created, (await first.PostAsync(ApiHost.Deputy, "/api/proposals", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await second.PostAsync(ApiHost.Deputy, "/api/proposals", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await first.PostAsync(ApiHost.Deputy, "/api/proposals", body)).StatusCode);
        await AssertLimitedAsync(await second.PostAsync(ApiHost.Deputy, "/api/proposals", body));
        await AssertLimitedAsync(await first.PostAsync(ApiHost.Deputy, "/api/proposals", body));

        // Another person on either instance has their own three.
        Assert.Equal(HttpStatusCode.Created, (await second.PostAsync(ApiHost.Deputy2, "/api/proposals", body)).StatusCode);
    }

    [Fact]
    public async Task Sign_ins_are_limited_per_person_and_per_address()
    {
        await using var host = await ApiHost.StartAsync(
            azurite.ConnectionString,
            false,
            "--Replies:Limits:SignInsPerPerson=2",
            "--Replies:Limits:SignInsPerAddress=4");
        Assert.Equal(HttpStatusCode.OK, (await host.Anonymous.PostAsync("/api/dev/token", Json(ApiHost.Deputy))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Anonymous.PostAsync("/api/dev/token", Json(ApiHost.Deputy))).StatusCode);
        await AssertLimitedAsync(await host.Anonymous.PostAsync("/api/dev/token", Json(ApiHost.Deputy)));
        Assert.Equal(HttpStatusCode.OK, (await host.Anonymous.PostAsync("/api/dev/token", Json(ApiHost.Clerk))).StatusCode);

        // The address has used its four: the page refuses the next person too, with a page that says so.
        using var browser = host.Browser();
        var login = await browser.GetStringAsync("/login");
        var response = await browser.PostAsync("/login", SignedForms.Of(login, ("personId", ApiHost.Handler)));
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        Assert.Contains("操作过于频繁", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var set) && set.Any(c => c.StartsWith("replies.session=", StringComparison.Ordinal)));
    }

    private static StringContent Json(string personId) => new(JsonSerializer.Serialize(new { personId }), System.Text.Encoding.UTF8, "application/json");

    private static async Task AssertLimitedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 and <= 60 }, $"Retry-After: {response.Headers.RetryAfter}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("请求过于频繁", problem.GetProperty("title").GetString());
    }

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("\\son[a-z]+=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandler();
}
