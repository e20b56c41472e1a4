namespace Replies.Durable.IntegrationTests;

[Collection(AzuriteGroup.Name)]
public sealed class LifecycleControlTests(AzuriteFixture azurite) : RuntimeTestBase(azurite)
{
    private static void Waiter(Worker.DurableTaskRegistry r) => r
        .AddOrchestratorFunc<object?, string>("Waiter", async (ctx, _) =>
        {
            var a = await ctx.WaitForExternalEvent<string>("A");
            ctx.SetCustomStatus("got " + a);
            var b = await ctx.WaitForExternalEvent<string>("B");
            return a + b;
        });

    [Fact]
    public async Task Terminate_ends_a_running_instance_with_the_given_output()
    {
        await using var host = await StartHostAsync(Waiter);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter");
        await host.Client.WaitForInstanceStartAsync(id, false, Timeout());
        await host.Client.TerminateInstanceAsync(id, "撤回");
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, Timeout());

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.Equal("撤回", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_suspended_instance_holds_events_until_resumed()
    {
        await using var host = await StartHostAsync(Waiter);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter");
        await host.Client.WaitForInstanceStartAsync(id, false, Timeout());
        await host.Client.SuspendInstanceAsync(id, "核查");
        await WaitForStatusAsync(host.Client, id, OrchestrationRuntimeStatus.Suspended);
        await host.Client.RaiseEventAsync(id, "A", "1");
        await Task.Delay(600);

        var held = await host.Client.GetInstanceAsync(id, true);
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, held!.RuntimeStatus);
        Assert.Null(held.SerializedCustomStatus);

        await host.Client.ResumeInstanceAsync(id);
        await host.Client.RaiseEventAsync(id, "B", "2");
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, Timeout());
        Assert.Equal("12", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Purge_removes_a_finished_instance_and_leaves_a_running_one()
    {
        await using var host = await StartHostAsync(Waiter);
        var finished = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter");
        var running = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter");
        await host.Client.RaiseEventAsync(finished, "A", "x");
        await host.Client.RaiseEventAsync(finished, "B", "y");
        await host.Client.WaitForInstanceCompletionAsync(finished, false, Timeout());
        await host.Client.WaitForInstanceStartAsync(running, false, Timeout());

        Assert.Equal(0, (await host.Client.PurgeInstanceAsync(running)).PurgedInstanceCount);
        Assert.Equal(1, (await host.Client.PurgeInstanceAsync(finished)).PurgedInstanceCount);
        Assert.Null(await host.Client.GetInstanceAsync(finished));
        Assert.Empty(await HistoryRowsAsync(finished));
        Assert.NotNull(await host.Client.GetInstanceAsync(running));

        await host.Client.TerminateInstanceAsync(running);
        await host.Client.WaitForInstanceCompletionAsync(running, false, Timeout());
        Assert.Equal(1, (await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter())).PurgedInstanceCount);
    }

    [Fact]
    public async Task Starting_an_id_that_is_running_is_refused_and_a_finished_one_can_start_again()
    {
        await using var host = await StartHostAsync(Waiter);
        var options = new StartOrchestrationOptions("proposal-2026-001");
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", null, options);
        await host.Client.WaitForInstanceStartAsync(options.InstanceId!, false, Timeout());

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", null, options));

        await host.Client.TerminateInstanceAsync(options.InstanceId!);
        await host.Client.WaitForInstanceCompletionAsync(options.InstanceId!, false, Timeout());
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", null, options);
        await host.Client.RaiseEventAsync(options.InstanceId!, "A", "again");
        await host.Client.RaiseEventAsync(options.InstanceId!, "B", "!");
        var done = await host.Client.WaitForInstanceCompletionAsync(options.InstanceId!, true, Timeout());
        Assert.Equal("again!", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Queries_filter_by_status_and_prefix_and_page_with_continuation_tokens()
    {
        await using var host = await StartHostAsync(Waiter);
        for (var i = 0; i < 25; i++)
        {
            await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", null, new StartOrchestrationOptions($"q-{i:D2}"));
        }

        await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", null, new StartOrchestrationOptions("other-1"));
        for (var i = 0; i < 5; i++)
        {
            await host.Client.TerminateInstanceAsync($"q-{i:D2}");
        }

        for (var i = 0; i < 5; i++)
        {
            await host.Client.WaitForInstanceCompletionAsync($"q-{i:D2}", false, Timeout());
        }

        var pages = new List<int>();
        string? token = null;
        do
        {
            await foreach (var page in host.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "q-", PageSize = 10, ContinuationToken = token }).AsPages(token, 10))
            {
                pages.Add(page.Values.Count);
                token = page.ContinuationToken;
                break;
            }
        }
        while (token is not null);

        Assert.Equal(25, pages.Sum());
        Assert.True(pages.Count >= 3);

        var terminated = new List<string>();
        await foreach (var m in host.Client.GetAllInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Terminated] }))
        {
            terminated.Add(m.InstanceId);
        }

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"q-{i:D2}"), terminated.Order());
    }

    private static async Task WaitForStatusAsync(DurableTaskClient client, string id, OrchestrationRuntimeStatus status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await client.GetInstanceAsync(id))?.RuntimeStatus != status)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{id} never reached {status}");
            await Task.Delay(50);
        }
    }
}
