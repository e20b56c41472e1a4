using System.Net;
using System.Text.Json;

namespace Replies.Host.Tests;

/// <summary>A function that fails under the real host answers in Chinese, never the host's bare 500.</summary>
[Collection(OneHost.Name)]
public sealed class FailuresUnderTheHostTests(OneHostFixture fixture)
{
    [Theory]
    [InlineData("throw")]
    [InlineData("result")]
    public async Task A_failing_function_answers_a_Chinese_problem_or_error_page(string kind)
    {
        using var client = fixture.Host.Client();
        var api = await client.GetAsync($"/api/dev/faults/{kind}");
        Assert.Equal(HttpStatusCode.InternalServerError, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("服务器暂时无法处理，请稍后重试", problem.GetProperty("title").GetString());
        Assert.True(api.Headers.Contains("Content-Security-Policy"));

        var page = await client.GetAsync($"/dev/faults/{kind}");
        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("系统出现错误", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
