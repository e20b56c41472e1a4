using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Xunit.Abstractions;

namespace Replies.Host.Tests;

/// <summary>
/// A whole proposal through the API under the real host, its lifecycle run by the Durable extension's own engine; and
/// the same scenario on local/ in its own process, so both hosts are held to it and timed alike.
/// </summary>
[Collection(OneHost.Name)]
public sealed class LifecycleUnderTheHostTests(OneHostFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_proposal_goes_from_submission_to_a_satisfied_close_and_its_letter_validates()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await RunAsync(fixture.Host);
        output.WriteLine($"Functions host: lifecycle {watch.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task The_same_lifecycle_runs_on_the_local_host()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        await SampleDirectory.ImportAsync(azurite.ConnectionString);
        await using var local = await FunctionsHostProcess.StartLocalAsync(azurite.ConnectionString);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await RunAsync(local);
        output.WriteLine($"local/: start {local.StartTime.TotalSeconds:0.0} s, lifecycle {watch.Elapsed.TotalSeconds:0.0} s (Functions host start: {fixture.Host.StartTime.TotalSeconds:0.0} s)");
    }

    private static async Task RunAsync(FunctionsHostProcess host)
    {
        using var api = new HostApi(host);
        var id = await api.SubmitAsync(HostApi.Deputy, "关于完善科技成果转化机制的建议", [HostApi.Deputy2]);
        await api.OkAsync(HostApi.Deputy2, $"/api/proposals/{id}/cosign", new { confirmed = true });
        await api.StageAsync(HostApi.Clerk, id, s => s == "FilingReview");

        var filed = await api.OkAsync(HostApi.Clerk, $"/api/proposals/{id}/filing", new { decision = "File" });
        Assert.Equal("AwaitingAssignment", filed.GetProperty("stage").GetString());
        await api.OkAsync(HostApi.Clerk, $"/api/proposals/{id}/assignment", new { leadDepartment = HostApi.Lead, coHandlers = new[] { HostApi.CoDepartment } });
        await api.OkAsync(HostApi.Handler, $"/api/proposals/{id}/sign-for");
        await api.OkAsync(HostApi.CoHandler, $"/api/proposals/{id}/sign-for");
        await api.OkAsync(HostApi.Handler, $"/api/proposals/{id}/contacts", new { date = HostApi.Today(), form = "座谈", summary = "当面听取意见建议" });
        const string text = "您提出的《关于完善科技成果转化机制的建议》收悉。现答复如下：\n一、工作开展情况\n二、下一步打算";
        var saved = await api.OkAsync(HostApi.Handler, $"/api/proposals/{id}/drafts", new { text });
        var version = saved.GetProperty("version").GetInt32();
        await api.OkAsync(HostApi.Handler, $"/api/proposals/{id}/submission", new { draftVersion = version, resultClass = "B", disclosure = "Full", handlerName = "徐晓军", handlerPhone = "0355-2022535" });
        var approved = await api.OkAsync(HostApi.Leader, $"/api/proposals/{id}/approval", new { approved = true });
        Assert.Equal("AwaitingFeedback", approved.GetProperty("stage").GetString());

        // The letter's bytes, downloaded through the host, open as a valid Word document citing the title.
        var deputy = await api.AsAsync(HostApi.Deputy);
        var letter = await deputy.GetAsync($"/api/proposals/{id}/letters/0");
        Assert.Equal(HttpStatusCode.OK, letter.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", letter.Content.Headers.ContentType?.MediaType);
        using (var document = WordprocessingDocument.Open(new MemoryStream(await letter.Content.ReadAsByteArrayAsync()), false))
        {
            Assert.Empty(new OpenXmlValidator().Validate(document));
            Assert.Contains("《关于完善科技成果转化机制的建议》", document.MainDocumentPart!.Document!.Body!.InnerText, StringComparison.Ordinal);
        }

        // The draft reads back from Blob storage; the proposer closes the item as satisfied.
        var handler = await api.AsAsync(HostApi.Handler);
        Assert.Contains("二、下一步打算", await handler.GetStringAsync($"/api/proposals/{id}/drafts/{version}"), StringComparison.Ordinal);
        var closed = await api.OkAsync(HostApi.Deputy, $"/api/proposals/{id}/feedback", new { rating = "Satisfied" });
        Assert.Equal("Closed", closed.GetProperty("stage").GetString());

        var detail = await api.GetJsonAsync(HostApi.Clerk, $"/api/proposals/{id}");
        Assert.Equal("Closed", detail.GetProperty("summary").GetProperty("stage").GetString());
        Assert.Single(detail.GetProperty("letters").EnumerateArray());
        Assert.Single(detail.GetProperty("drafts").EnumerateArray());
        var actions = detail.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()).ToList();
        Assert.True(actions.Count >= 8, string.Join(", ", actions));
    }
}
