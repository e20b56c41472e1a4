using System.Net;
using System.Text.Json;

namespace Replies.Functions.IntegrationTests;

/// <summary>
/// What the app answers when a function fails, an address is unknown or a method is wrong, in Chinese with the headers
/// of every answer (the host suite checks the same under the real Functions host).
/// </summary>
public sealed class FailureAnswersTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_failing_function_an_unknown_address_and_a_wrong_method_answer_in_Chinese()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        foreach (var kind in new[] { "throw", "result" })
        {
            var api = await host.Anonymous.GetAsync($"/api/dev/faults/{kind}");
            Assert.Equal(HttpStatusCode.InternalServerError, api.StatusCode);
            Assert.Equal("服务器暂时无法处理，请稍后重试", JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString());
            var page = await host.Anonymous.GetAsync($"/dev/faults/{kind}");
            Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
            Assert.Contains("系统出现错误", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var unknownPage = await host.Anonymous.GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, unknownPage.StatusCode);
        Assert.Contains("没有这个页面", await unknownPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(unknownPage.Headers.Contains("Content-Security-Policy"));

        var wrongMethod = await host.Anonymous.DeleteAsync("/api/proposals/20260101-ABCDEFGHJK");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal(["GET"], wrongMethod.Content.Headers.Allow);
        Assert.Equal("application/problem+json", wrongMethod.Content.Headers.ContentType?.MediaType);

        // A constraint not met is an unknown address, not a wrong method: a letter's round is a number.
        Assert.Equal(HttpStatusCode.NotFound, (await host.Anonymous.GetAsync("/api/proposals/20260101-ABCDEFGHJK/letters/first")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Anonymous.PostAsync("/anything", null)).StatusCode);
    }
}
