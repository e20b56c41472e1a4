using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Replies.Functions.IntegrationTests;

/// <summary>Text as sent: an emoji joined by zero-width joiners keeps them, and a JSON body with a byte-order mark is JSON.</summary>
public sealed class IntakeTextTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_family_emoji_title_is_stored_as_sent_and_a_body_beginning_with_a_byte_order_mark_is_read()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        const string Title = "关于建设👨\u200D👩\u200D👧亲子友好社区的建议";
        var json = JsonSerializer.Serialize(new { title = Title, body = "建议在社区建设亲子活动空间，完善母婴室和儿童游乐设施。", category = "科技创新" });
        using var content = new ByteArrayContent([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(json)]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        var client = await host.AsAsync(ApiHost.Deputy);
        var response = await client.PostAsync("/api/proposals", content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var stored = await host.WaitForAsync(id, s => s.Sequence >= 1);
        Assert.Equal(Title, stored.Title);
        Assert.Equal(Title, (await host.Store.GetTextAsync(id))!.Title);
    }
}
