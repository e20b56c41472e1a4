namespace Replies.Host.Tests;

/// <summary>
/// Two host processes on one task hub and one Azurite, as Flex Consumption runs them: the second serves HTTP only (its
/// timer and Durable functions disabled by app settings). What the first accepts, the second shows; what the second
/// is told, the lifecycle applies; a third started cold answers lists and search from what is stored.
/// </summary>
public sealed class TwoHostsTests : IAsyncLifetime
{
    private static readonly string[] WorkOnly =
    [
        "LoadSampleData", "PurgeCompletedHistory", "SweepDeadlines", "RunWatchdog", "ProposalLifecycle", "CoHandlingOpinion",
        "RecordTransition", "RecordOutcome", "QueueNotifications", "SetAlarm", "PlanWorkingDays", "AssignFilingNumber",
        "NotifyMergeTarget", "RecordCoHandlingOpinion", "RenderReplyLetter", "ArchiveItem", "ReadSentDecision",
    ];

    private AzuriteInstance _azurite = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync();
        await SampleDirectory.ImportAsync(_azurite.ConnectionString);
    }

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task A_proposal_submitted_through_one_instance_is_listed_and_decided_through_the_other()
    {
        await using var first = await FunctionsHostProcess.StartAsync(_azurite.ConnectionString);
        await using var second = await FunctionsHostProcess.StartAsync(_azurite.ConnectionString, WorkOnly.ToDictionary(f => $"AzureWebJobs.{f}.Disabled", _ => "true"));
        using var one = new HostApi(first);
        using var two = new HostApi(second);

        var id = await one.SubmitAsync(HostApi.Deputy, "关于加强城市绿地建设的建议");
        await one.StageAsync(HostApi.Clerk, id, s => s == "FilingReview");

        // The second instance lists it for the clerk at once (lists are read from storage, where the transition's rows
        // were written before its status) and shows its page.
        Assert.Contains(
            (await two.GetJsonAsync(HostApi.Clerk, "/api/proposals?stage=FilingReview")).GetProperty("items").EnumerateArray(),
            i => i.GetProperty("id").GetString() == id);

        Assert.Equal("FilingReview", await two.StageAsync(HostApi.Clerk, id, s => s == "FilingReview"));
        using var browser = second.Browser();
        var login = await browser.GetStringAsync("/login");
        await browser.PostAsync("/login", SignedForms.Of(login, ("personId", HostApi.Clerk)));
        var page = await browser.GetAsync($"/items/{id}");
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("关于加强城市绿地建设的建议", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A decision given on the second is applied by the lifecycle the first runs.
        var filed = await two.OkAsync(HostApi.Clerk, $"/api/proposals/{id}/filing", new { decision = "File" });
        Assert.Equal("AwaitingAssignment", filed.GetProperty("stage").GetString());
        Assert.Equal("AwaitingAssignment", await one.StageAsync(HostApi.Clerk, id, s => s == "AwaitingAssignment"));
        Assert.Contains(
            (await one.GetJsonAsync(HostApi.Clerk, "/api/proposals?stage=AwaitingAssignment")).GetProperty("items").EnumerateArray(),
            i => i.GetProperty("id").GetString() == id);

        // One instance writes the shared search index; both find the item once it has taken the change.
        var query = "/api/search?kind=Proposal&q=" + Uri.EscapeDataString("城市绿地建设");
        foreach (var api in new[] { one, two })
        {
            await Eventually.TrueAsync(
                async () => (await api.GetJsonAsync(HostApi.Clerk, query)).EnumerateArray().Any(h => h.GetProperty("proposalId").GetString() == id),
                TimeSpan.FromSeconds(30),
                "the search index never took the new item",
                TimeSpan.FromMilliseconds(250));
        }

        // A third instance started cold on this storage serves the lists and finds the item on its first requests:
        // nothing is loaded into memory at start, the stored index is copied rather than rebuilt.
        await using var third = await FunctionsHostProcess.StartAsync(_azurite.ConnectionString, WorkOnly.ToDictionary(f => $"AzureWebJobs.{f}.Disabled", _ => "true"));
        using var cold = new HostApi(third);
        Assert.Contains(
            (await cold.GetJsonAsync(HostApi.Clerk, "/api/proposals?stage=AwaitingAssignment")).GetProperty("items").EnumerateArray(),
            i => i.GetProperty("id").GetString() == id);
        Assert.Contains((await cold.GetJsonAsync(HostApi.Clerk, query)).EnumerateArray(), h => h.GetProperty("proposalId").GetString() == id);
    }
}
