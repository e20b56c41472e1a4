namespace Replies.Functions.IntegrationTests;

[Collection(AzuriteGroup.Name)]
public sealed class ScaleOutTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task An_API_only_instance_hands_work_to_the_worker_instance_and_its_lists_catch_up_from_the_change_feed()
    {
        await using var worker = await ApiHost.StartAsync(azurite.ConnectionString);
        await using var api = await ApiHost.StartAsync(
            azurite.ConnectionString,
            false,
            $"--Replies:Api:StoragePrefix={worker.Prefix}",
            $"--extensions:durableTask:hubName={worker.Prefix}hub",
            "--Replies:Worker:Enabled=false",
            "--Replies:Schedules:CatalogRefresh=00:00:00.500");

        // Submitted and decided through the API-only instance; every transition is stored by the other one's worker.
        var id = await api.SubmitAsync(ApiHost.Deputy);
        await api.OkAsync(ApiHost.Clerk, $"/api/proposals/{id}/filing", new { decision = "File" });
        var health = await api.GetJsonAsync(ApiHost.Clerk, "/api/health");
        Assert.False(health.GetProperty("workerRunning").GetBoolean());

        // A decision taken through the other instance reaches this one's lists only through the change feed.
        await worker.OkAsync(ApiHost.Clerk, $"/api/proposals/{id}/assignment", new { leadDepartment = ApiHost.Lead });
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var list = await api.GetJsonAsync(ApiHost.Clerk, "/api/proposals?stage=AwaitingSignOff");
            if (list.GetProperty("total").GetInt32() == 1)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "the API instance's list never caught up");
            await Task.Delay(100);
        }
    }
}
