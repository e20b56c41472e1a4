namespace Replies.Functions.IntegrationTests;

public sealed class ScaleOutTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task An_API_only_instance_hands_work_to_the_worker_instance_and_lists_what_the_other_instance_changed_at_once()
    {
        await using var worker = await ApiHost.StartAsync(azurite.ConnectionString);
        await using var api = await ApiHost.StartAsync(
            azurite.ConnectionString,
            false,
            $"--Replies:Api:StoragePrefix={worker.Prefix}",
            $"--extensions:durableTask:hubName={worker.Prefix}hub",
            "--Replies:Worker:Enabled=false");

        // Submitted and decided through the API-only instance; every transition is stored by the other one's worker.
        var id = await api.SubmitAsync(ApiHost.Deputy);
        await api.OkAsync(ApiHost.Clerk, $"/api/proposals/{id}/filing", new { decision = "File" });
        var health = await api.GetJsonAsync(ApiHost.Clerk, "/api/health");
        Assert.False(health.GetProperty("workerRunning").GetBoolean());

        // Both instances read the clerk's list (each now holds the session's rows); a decision taken through the other
        // instance is in this one's list on the next read, without waiting: lists are read from storage.
        Assert.Equal(1, (await api.GetJsonAsync(ApiHost.Clerk, "/api/proposals?stage=FilingReview")).GetProperty("total").GetInt32() + (await api.GetJsonAsync(ApiHost.Clerk, "/api/proposals?stage=AwaitingAssignment")).GetProperty("total").GetInt32());
        await worker.OkAsync(ApiHost.Clerk, $"/api/proposals/{id}/assignment", new { leadDepartment = ApiHost.Lead });
        var list = await api.GetJsonAsync(ApiHost.Clerk, "/api/proposals?stage=AwaitingSignOff");
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal(id, list.GetProperty("items")[0].GetProperty("id").GetString());
        var inbox = await api.GetJsonAsync(ApiHost.Clerk, $"/api/departments/{Uri.EscapeDataString(ApiHost.Lead)}/inbox");
        Assert.Equal(id, inbox.GetProperty("toSignFor")[0].GetProperty("id").GetString());
    }
}
