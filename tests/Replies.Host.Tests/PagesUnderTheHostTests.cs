using System.Net;
using System.Text.RegularExpressions;
using Replies.Functions.Safety;

namespace Replies.Host.Tests;

/// <summary>Pages under the real host: the development sign-in, a form post with its antiforgery token, the headers.</summary>
[Collection(OneHost.Name)]
public sealed partial class PagesUnderTheHostTests(OneHostFixture fixture)
{
    [Fact]
    public async Task A_clerk_signs_in_and_files_an_item_through_its_page_form()
    {
        using var api = new HostApi(fixture.Host);
        var id = await api.SubmitAsync(HostApi.Deputy, "关于优化老旧小区改造的建议");
        await api.StageAsync(HostApi.Clerk, id, s => s == "FilingReview");

        using var browser = fixture.Host.Browser();
        var login = await browser.GetStringAsync("/login");
        var signedIn = await browser.PostAsync("/login", SignedForms.Of(login, ("personId", HostApi.Clerk)));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        var page = $"/items/{id}";
        var html = await browser.GetStringAsync(page);
        Assert.Contains("value=\"filing\"", html, StringComparison.Ordinal);

        // Without its token the form is refused and nothing changes.
        var forged = await browser.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string> { ["act"] = "filing", ["Input.Decision"] = "File" }));
        Assert.NotEqual(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.Equal("FilingReview", await api.StageAsync(HostApi.Clerk, id, _ => true));

        var filed = await browser.PostAsync(page, SignedForms.Of(html, ("act", "filing"), ("Input.Decision", "File")));
        Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        await api.StageAsync(HostApi.Clerk, id, s => s == "AwaitingAssignment");
    }

    [Fact]
    public async Task Pages_API_answers_assets_and_unknown_addresses_carry_the_security_headers()
    {
        using var client = fixture.Host.Client();
        foreach (var path in new[] { "/public", "/login", "/api/proposals", "/api/public/replies", "/assets/site.css", "/no-such-page", "/api/no-such-thing", "/items/none" })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var csp), $"{path}: no CSP");
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, csp.Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        }

        var unknownPage = await client.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, unknownPage.StatusCode);
        Assert.Contains("没有这个页面", await unknownPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var wrongMethod = await client.DeleteAsync("/api/proposals/20260101-ABCDEFGHJK");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal(["GET"], wrongMethod.Content.Headers.Allow);
        var unknownApi = await client.GetAsync("/api/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, unknownApi.StatusCode);
        Assert.Equal("application/problem+json", unknownApi.Content.Headers.ContentType?.MediaType);
    }

}
