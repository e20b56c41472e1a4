using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Replies.Functions.Search;

namespace Replies.Functions.IntegrationTests;

public sealed class SearchTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Search_similar_items_drafting_help_and_checks_work_on_the_seeded_data()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString, loadSeeds: true);
        foreach (var seed in new[] { "seed-000", "seed-003", "seed-004" })
        {
            await host.WaitForAsync(seed, s => s.Stage == ProposalStage.Closed, 90);
        }

        await WaitForLibraryAsync(host);
        var index = host.Services.GetRequiredService<SearchIndexService>();
        await index.DrainAsync();

        // Each seed letter's title finds that letter first.
        foreach (var seed in new[] { "seed-000", "seed-003", "seed-004" })
        {
            var title = (await host.Store.GetAsync(seed))!.Title;
            var hits = await host.GetJsonAsync(ApiHost.Clerk, "/api/search?kind=Reply&q=" + Uri.EscapeDataString(title));
            Assert.Equal("reply:" + seed, hits[0].GetProperty("id").GetString());
        }

        // Drafting help for seed 000 brings passages of the plan (001) and the work programme (002) on its subject.
        var help = await host.GetJsonAsync(ApiHost.Handler, "/api/proposals/seed-000/drafting-help");
        var policy = help.GetProperty("policy").EnumerateArray().ToList();
        var sources = policy.Select(p => p.GetProperty("sourceId").GetString()).ToList();
        Assert.Contains("library:seed-001", sources);
        Assert.Contains("library:seed-002", sources);
        Assert.All(policy, p => Assert.EndsWith("》）", p.GetProperty("insert").GetString(), StringComparison.Ordinal));
        string[] subject = ["产业链", "创新平台", "一链一院"];
        foreach (var seed in new[] { "library:seed-001", "library:seed-002" })
        {
            Assert.Contains(policy, p => p.GetProperty("sourceId").GetString() == seed && subject.Any(t => p.GetProperty("text").GetString()!.Contains(t, StringComparison.Ordinal)));
        }

        Assert.DoesNotContain("&#", policy[0].GetProperty("snippet").GetString(), StringComparison.Ordinal);
        Assert.Contains(help.GetProperty("replies").EnumerateArray(), p => p.GetProperty("sourceId").GetString() is "reply:seed-003" or "reply:seed-004");

        // The public search reads published replies only, highlighted, without contact details.
        var published = JsonDocument.Parse(await host.Anonymous.GetStringAsync("/api/public/replies?q=" + Uri.EscapeDataString("产业链"))).RootElement;
        Assert.True(published.GetProperty("total").GetInt32() >= 2);
        Assert.Contains("<mark>", published.GetProperty("items")[0].GetProperty("snippet").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("2022535", published.ToString(), StringComparison.Ordinal);

        // A new suggestion on the same matter: the clerk filing it sees seed 004 as similar; the deputy saw it while writing.
        var whileWriting = await host.OkAsync(ApiHost.Deputy2, "/api/similar", new { title = "关于加强科技创新促进产业发展的建议", body = "建议加强科技创新，促进产业发展。" });
        Assert.Contains(whileWriting.EnumerateArray(), h => h.GetProperty("proposalId").GetString() == "seed-004");
        var id = await host.SubmitAsync(ApiHost.Deputy2, "关于以科技创新促进产业发展的建议");
        await index.DrainAsync();
        var similar = await host.GetJsonAsync(ApiHost.Clerk, $"/api/proposals/{id}/similar");
        Assert.Contains(similar.EnumerateArray().Take(3), h => h.GetProperty("result").GetProperty("proposalId").GetString() == "seed-004");
        Assert.DoesNotContain(similar.EnumerateArray(), h => h.GetProperty("result").GetProperty("proposalId").GetString() == id);

        // A document uploaded to the library is found once the shared index has taken the change (the next pass).
        var uploaded = await host.PostAsync(ApiHost.Handler, "/api/library", new { title = "关于支持中试基地建设的若干措施", category = "政策文件", text = "对新认定的市级中试基地给予一次性奖补，支持中试基地开放共享，推动科技成果熟化。" });
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        await index.DrainAsync();
        var found = await host.GetJsonAsync(ApiHost.Clerk, "/api/search?kind=Library&q=" + Uri.EscapeDataString("中试基地"));
        Assert.Equal("关于支持中试基地建设的若干措施", found[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task Intake_cleans_pasted_text_keeps_the_original_and_checks_drafts_and_unpublished_replies_stay_out_of_the_public_index()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        var deputy = await host.AsAsync(ApiHost.Deputy);
        var pasted = "建議加強科技創(chuàng)新平臺建設,,推動產(chǎn)業(yè)發(fā)展,。請予支持!";
        var response = await deputy.PostAsJsonAsync("/api/proposals", new { title = "關(guān)于加強科技創(chuàng)新的建議", body = pasted, category = "科技创新", toSimplified = true });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await host.WaitForAsync(id, s => s.Sequence >= 1);
        var detail = await host.GetJsonAsync(ApiHost.Deputy, $"/api/proposals/{id}");
        Assert.Equal("关于加强科技创新的建议", detail.GetProperty("summary").GetProperty("title").GetString());
        var text = detail.GetProperty("text");
        Assert.Equal("建议加强科技创新平台建设，推动产业发展。请予支持！", text.GetProperty("body").GetString());
        Assert.Equal(pasted, text.GetProperty("originalBody").GetString());

        // Drafted, checked, issued as not public: officials find it, the public index never holds it.
        await host.OkAsync(ApiHost.Clerk, $"/api/proposals/{id}/filing", new { decision = "File" });
        await host.OkAsync(ApiHost.Clerk, $"/api/proposals/{id}/assignment", new { leadDepartment = ApiHost.Lead });
        await host.OkAsync(ApiHost.Handler, $"/api/proposals/{id}/sign-for");
        await host.OkAsync(ApiHost.Handler, $"/api/proposals/{id}/contacts", new { date = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)), form = "当面", summary = "当面沟通" });
        var saved = await host.OkAsync(ApiHost.Handler, $"/api/proposals/{id}/drafts", new { text = "叶元朋委员：\n您的建议收悉。我们将研究。" });
        var version = saved.GetProperty("version").GetInt32();
        var check = await host.GetJsonAsync(ApiHost.Handler, $"/api/proposals/{id}/drafts/{version}/check");
        var codes = check.GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("code").GetString()).ToList();
        Assert.Contains("salutation", codes);
        Assert.Contains("title", codes);
        Assert.Contains("points", codes);

        var good = await host.OkAsync(ApiHost.Handler, $"/api/proposals/{id}/drafts", new { text = "叶元朋代表：\n您提出的《关于加强科技创新的建议》收悉，现答复如下：\n一、科技创新平台建设情况\n二、下一步推动产业发展的打算\n感谢您对科技工作的关心和支持！" });
        await host.OkAsync(ApiHost.Handler, $"/api/proposals/{id}/submission", new { draftVersion = good.GetProperty("version").GetInt32(), resultClass = "B", disclosure = "NotPublic", handlerName = "徐晓军", handlerPhone = "0355-2022535" });
        var forLeader = await host.GetJsonAsync(ApiHost.Leader, $"/api/proposals/{id}");
        Assert.True(forLeader.GetProperty("draftCheck").GetProperty("isClean").GetBoolean(), forLeader.GetProperty("draftCheck").ToString());
        await host.OkAsync(ApiHost.Leader, $"/api/proposals/{id}/approval", new { approved = true });
        await host.Services.GetRequiredService<SearchIndexService>().DrainAsync();

        var internalHits = await host.GetJsonAsync(ApiHost.Clerk, "/api/search?kind=Reply&q=" + Uri.EscapeDataString("科技创新平台建设情况"));
        Assert.Contains(internalHits.EnumerateArray(), h => h.GetProperty("proposalId").GetString() == id);
        var publicHits = JsonDocument.Parse(await host.Anonymous.GetStringAsync("/api/public/replies?q=" + Uri.EscapeDataString("科技创新平台建设情况"))).RootElement;
        Assert.Equal(0, publicHits.GetProperty("total").GetInt32());
        Assert.Equal(0, host.Services.GetRequiredService<Workflows.Search.SharedIndexReader>().Public.Count);
    }

    private static Task WaitForLibraryAsync(ApiHost host) =>
        Eventually.TrueAsync(async () => (await host.GetJsonAsync(ApiHost.Clerk, "/api/library")).GetArrayLength() >= 2, TimeSpan.FromSeconds(60), "the seed library documents never arrived");
}
