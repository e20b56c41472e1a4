using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Replies.Functions.IntegrationTests;

public sealed class IdempotencyTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly object Submission = new { title = "关于建设科技成果转化中试基地的建议", body = "建议统筹建设一批中试基地，打通科技成果转化的最后一公里。", category = "科技创新" };

    [Fact]
    public async Task Retried_submissions_with_one_key_file_one_proposal()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        var deputy = await host.AsAsync(ApiHost.Deputy);
        async Task<(HttpStatusCode Status, string Id)> SubmitAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/proposals") { Content = JsonContent.Create(Submission) };
            request.Headers.Add("Idempotency-Key", "form-7f3a");
            using var response = await deputy.SendAsync(request);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return (response.StatusCode, body.TryGetProperty("id", out var id) ? id.GetString()! : body.ToString());
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => SubmitAsync()));
        var later = await SubmitAsync();

        Assert.All(answers.Append(later), a => Assert.True(a.Status is HttpStatusCode.Created or HttpStatusCode.OK, a.Id));
        Assert.Single(answers.Append(later).Select(a => a.Id).Distinct());
        Assert.Single(answers, a => a.Status == HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, later.Status);
        await host.WaitForAsync(later.Id, s => s.Sequence >= 1);
        var list = await host.GetJsonAsync(ApiHost.Clerk, "/api/proposals?q=" + Uri.EscapeDataString("中试基地"));
        Assert.Equal(1, list.GetProperty("total").GetInt32());

        // The same key for a different submission is refused, and the first stands.
        using var other = new HttpRequestMessage(HttpMethod.Post, "/api/proposals")
        {
            Content = JsonContent.Create(new { title = "关于另一件事的建议", body = "这是另一件完全不同的建议内容，不能共用幂等键。", category = "其他" }),
        };
        other.Headers.Add("Idempotency-Key", "form-7f3a");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await deputy.SendAsync(other)).StatusCode);
        Assert.Equal("关于建设科技成果转化中试基地的建议", (await host.Store.GetAsync(later.Id))!.Title);
    }

    [Fact]
    public async Task A_retried_decision_returns_its_first_outcome_and_acts_once()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        var id = await host.SubmitAsync(ApiHost.Deputy);
        var first = await host.PostAsync(ApiHost.Clerk, $"/api/proposals/{id}/filing", new { decision = "File" }, key: "file-1");
        var retry = await host.PostAsync(ApiHost.Clerk, $"/api/proposals/{id}/filing", new { decision = "File" }, key: "file-1");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var a = await first.Content.ReadFromJsonAsync<JsonElement>();
        var b = await retry.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(a.GetProperty("requestId").GetString(), b.GetProperty("requestId").GetString());
        var audit = await host.Store.GetAuditAsync(id);
        Assert.Single(audit, e => e.Action == "立案");
    }

    // A handler's save whose answer was lost (the host died after the write) is sent again with its key: one version.
    [Fact]
    public async Task A_draft_saved_again_with_its_key_is_one_version()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        var id = await host.DriveToDraftingAsync();
        var draft = new { text = "您提出的建议收悉。现答复如下：\n一、工作开展情况" };
        var first = await host.PostAsync(ApiHost.Handler, $"/api/proposals/{id}/drafts", draft, key: "draft-1");
        var again = await host.PostAsync(ApiHost.Handler, $"/api/proposals/{id}/drafts", draft, key: "draft-1");
        var other = await host.PostAsync(ApiHost.Handler, $"/api/proposals/{id}/drafts", draft, key: "draft-2");

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created], new[] { first.StatusCode, again.StatusCode, other.StatusCode });
        int VersionOf(JsonElement saved) => saved.GetProperty("version").GetInt32();
        Assert.Equal(1, VersionOf(await first.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal(1, VersionOf(await again.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal(2, VersionOf(await other.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal(2, (await host.Services.GetRequiredService<Workflows.Storage.DraftStore>().ListAsync(id)).Count);
    }

    [Fact]
    public async Task Two_decisions_at_once_one_wins_and_the_other_is_told_why()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        var id = await host.DriveToDraftingAsync();
        await host.OkAsync(ApiHost.Handler, $"/api/proposals/{id}/contacts", new { date = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)), form = "电话", summary = "电话沟通" });
        var v = await host.OkAsync(ApiHost.Handler, $"/api/proposals/{id}/drafts", new { text = "答复稿" });
        await host.OkAsync(ApiHost.Handler, $"/api/proposals/{id}/submission", new { draftVersion = v.GetProperty("version").GetInt32(), resultClass = "B", disclosure = "NotPublic", handlerName = "徐晓军", handlerPhone = "0355-2022535" });

        // The leader approves in one window and returns it in another at the same moment.
        var approve = host.PostAsync(ApiHost.Leader, $"/api/proposals/{id}/approval", new { approved = true });
        var reject = host.PostAsync(ApiHost.Leader, $"/api/proposals/{id}/approval", new { approved = false, comments = "请修改" });
        var answers = await Task.WhenAll(approve, reject);
        Assert.Single(answers, r => r.StatusCode == HttpStatusCode.OK);
        var loser = Assert.Single(answers, r => r.StatusCode == HttpStatusCode.Conflict);
        var problem = await loser.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        Assert.True(problem.TryGetProperty("currentStage", out _));
        var audit = await host.Store.GetAuditAsync(id);
        Assert.Single(audit, e => e.Action is "审签同意并答复" or "退回修改");
    }
}
