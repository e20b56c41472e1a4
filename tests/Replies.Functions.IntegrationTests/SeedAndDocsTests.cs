using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Replies.Functions.IntegrationTests;

public sealed class SeedAndDocsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task First_start_loads_the_sample_directory_and_the_seed_replies_as_closed_items_with_letters()
    {
        string prefix;
        var sequences = new Dictionary<string, int>();
        await using (var host = await ApiHost.StartAsync(azurite.ConnectionString, loadSeeds: true))
        {
            prefix = host.Prefix;
            foreach (var id in new[] { "seed-000", "seed-003", "seed-004" })
            {
                var s = await host.WaitForAsync(id, s => s.Stage == ProposalStage.Closed, 90);
                Assert.Single(s.Letters);
            }

            var suggestion = await host.Store.GetAsync("seed-004");
            Assert.Equal("关于加强科技创新促进产业发展的建议", suggestion!.Title);
            Assert.Equal("市人大十二届三次会议", suggestion.Session);
            Assert.Equal(ProposalKind.Suggestion, suggestion.Kind);
            var member = await host.Store.GetAsync("seed-000");
            Assert.Equal(ProposalKind.Proposal, member!.Kind);
            Assert.Equal("0355-2022535", member.HandlerPhone);
            Assert.DoesNotContain("(", member.Title, StringComparison.Ordinal);

            var letter = await (await host.AsAsync(ApiHost.Deputy)).GetByteArrayAsync("/api/proposals/seed-004/letters/0");
            var text = FullLifecycleTests.DocumentText(letter);
            Assert.Contains("叶元朋代表", text);
            Assert.Contains("一、工作开展情况", text);

            var published = JsonDocument.Parse(await host.Anonymous.GetStringAsync("/api/public/replies")).RootElement;
            Assert.Equal(3, published.GetProperty("total").GetInt32());
            var board = await host.GetJsonAsync(ApiHost.Clerk, "/api/proposals?stage=Closed");
            Assert.Equal(3, board.GetProperty("total").GetInt32());
            foreach (var id in new[] { "seed-000", "seed-003", "seed-004" })
            {
                sequences[id] = (await host.Store.GetAsync(id))!.Sequence;
            }
        }

        // A second start on the same storage loads nothing twice: its seeding run, awaited here, changes no item.
        await using var again = await ApiHost.StartAsync(azurite.ConnectionString, true, $"--Replies:Api:StoragePrefix={prefix}", $"--extensions:durableTask:hubName={prefix}hub");
        await again.Services.GetRequiredService<Seeding.SeedLoader>().LoadItemsAsync(again.Services.GetRequiredService<Microsoft.DurableTask.Client.DurableTaskClient>(), CancellationToken.None);
        foreach (var (id, sequence) in sequences)
        {
            Assert.Equal(sequence, (await again.Store.GetAsync(id))!.Sequence);
        }

        var all = await again.GetJsonAsync(ApiHost.Clerk, "/api/proposals");
        Assert.Equal(3, all.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_every_function_and_the_reference_page_serves()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        var document = JsonDocument.Parse(await host.Anonymous.GetStringAsync("/api/openapi/v1.json")).RootElement;
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var expected in new[]
        {
            "/api/proposals", "/api/proposals/{id}", "/api/proposals/{id}/filing", "/api/proposals/{id}/assignment", "/api/proposals/{id}/approval",
            "/api/proposals/{id}/feedback", "/api/proposals/ledger.xlsx", "/api/deadlines", "/api/reports/metrics", "/api/public/replies",
        })
        {
            Assert.Contains(expected, paths);
        }

        // A decision is an operation of its own, described by its descriptor: summary, roles, its request's fields.
        var filing = document.GetProperty("paths").GetProperty("/api/proposals/{id}/filing").GetProperty("post");
        Assert.Equal("立案审查：立案、并案或不予立案", filing.GetProperty("summary").GetString());
        Assert.Equal(["Clerk"], filing.GetProperty("x-roles").EnumerateArray().Select(r => r.GetString()));
        var request = document.GetProperty("components").GetProperty("schemas").GetProperty("FilingRequest");
        Assert.Equal(["decision", "mergeInto", "reason", "asks"], request.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["decision"], request.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        Assert.False(document.GetProperty("paths").GetProperty("/api/proposals/{id}/sign-for").GetProperty("post").TryGetProperty("requestBody", out _));

        var page = await host.Anonymous.GetAsync("/api/docs/index.html");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var reference = await page.Content.ReadAsStringAsync();
        Assert.Contains("<code>/api/proposals/{id}/filing</code>", reference, StringComparison.Ordinal);
        Assert.Contains("交办督办", reference, StringComparison.Ordinal);
        Assert.Contains("FilingRequest", reference, StringComparison.Ordinal);
    }
}
