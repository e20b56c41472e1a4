using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Replies.Host.Tests;

/// <summary>
/// Intake under the real host: a client that follows a submission's <c>Location</c> at once reads it (登记中 or
/// later, never 404) through the API and the item page; a Word file passes through the host's proxy as multipart,
/// and its original comes back as the item's first attachment, as a download.
/// </summary>
[Collection(OneHost.Name)]
public sealed class IntakeUnderTheHostTests(OneHostFixture fixture)
{
    [Fact]
    public async Task A_client_following_the_submissions_location_at_once_never_reads_404()
    {
        using var api = new HostApi(fixture.Host);
        var deputy = await api.AsAsync(HostApi.Deputy);
        var stages = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var submitted = await api.PostAsync(HostApi.Deputy, "/api/proposals", new { title = $"关于完善社区托育服务的建议{i}", body = "建议加快普惠托育服务体系建设，支持社区嵌入式托育设施，完善托育补贴政策。", category = "社会保障" });
            Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
            var location = submitted.Headers.Location!.OriginalString;
            var read = await deputy.GetAsync(location);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            stages.Add((await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("summary").GetProperty("stage").GetString()!);
            var page = await deputy.GetAsync("/items/" + location.Split('/')[^1]);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        Assert.All(stages, s => Assert.Contains(s, new[] { "Registering", "FilingReview" }));
    }

    [Fact]
    public async Task A_word_file_goes_through_the_host_and_its_original_is_the_first_attachment()
    {
        using var api = new HostApi(fixture.Host);
        var deputy = await api.AsAsync(HostApi.Deputy);
        string[] asks = ["建立跨部门数据共享机制。", "统一政务服务事项标准。", "推行“一网通办”。"];
        var word = WordFiles.Proposal("关于提升政务服务效能的建议", "当前政务服务仍存在多头跑、重复交材料等问题。", asks);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(word), "file", "政务服务建议.docx" } };
        var read = await deputy.PostAsync("/api/proposals/word", form);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var json = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, json.GetProperty("asks").GetArrayLength());
        var submitted = await api.PostAsync(HostApi.Deputy, "/api/proposals", new
        {
            title = json.GetProperty("title").GetString(),
            body = json.GetProperty("body").GetString(),
            asks = json.GetProperty("asks"),
            category = "其他",
            upload = json.GetProperty("upload").GetString(),
        });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await api.StageAsync(HostApi.Deputy, id, s => s is not (null or "Registering"));
        var first = (await api.GetJsonAsync(HostApi.Deputy, $"/api/proposals/{id}/attachments"))[0];
        var download = await deputy.GetAsync(first.GetProperty("download").GetString());
        Assert.Equal(word, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("政务服务建议.docx", download.Content.Headers.ContentDisposition?.FileNameStar);
    }
}
