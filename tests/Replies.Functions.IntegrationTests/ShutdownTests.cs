using System.Text.Json;

namespace Replies.Functions.IntegrationTests;

public sealed class ShutdownTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_stopped_host_hands_back_its_partitions_and_the_next_one_carries_on_the_items()
    {
        string prefix;
        string id;
        await using (var first = await ApiHost.StartAsync(azurite.ConnectionString))
        {
            prefix = first.Prefix;
            id = await first.SubmitAsync(ApiHost.Deputy);
            await first.OkAsync(ApiHost.Clerk, $"/api/proposals/{id}/filing", new { decision = "File" });
        }

        // Leases last 15 s in tests; a successor that owns all partitions well before that got them handed back.
        await using var second = await ApiHost.StartAsync(azurite.ConnectionString, false, $"--Replies:Api:StoragePrefix={prefix}", $"--extensions:durableTask:hubName={prefix}hub");
        await Eventually.TrueAsync(
            async () => JsonDocument.Parse(await second.Anonymous.GetStringAsync("/api/health")).RootElement.GetProperty("ownedPartitions").GetArrayLength() == 4,
            TimeSpan.FromSeconds(10),
            "the partitions were not handed back on shutdown",
            TimeSpan.FromMilliseconds(50));

        var assigned = await second.OkAsync(ApiHost.Clerk, $"/api/proposals/{id}/assignment", new { leadDepartment = ApiHost.Lead });
        Assert.Equal("AwaitingSignOff", assigned.GetProperty("stage").GetString());
        Assert.Equal(1, (await second.GetJsonAsync(ApiHost.Clerk, "/api/proposals")).GetProperty("total").GetInt32());
    }
}
