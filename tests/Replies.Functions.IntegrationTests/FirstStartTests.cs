using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Replies.Functions.Startup;
using Replies.Local.Engine;
using Replies.Local.Hosting;

namespace Replies.Functions.IntegrationTests;

/// <summary>
/// A new deployment starts before its identity's storage roles have reached the account: the app keeps trying instead
/// of stopping (which the Functions host would answer by restarting the worker until it gives up), callers hear 503
/// meanwhile, and once the roles arrive it serves.
/// </summary>
public sealed class FirstStartTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task The_app_waits_for_its_storage_roles_and_answers_503_until_they_arrive()
    {
        var roles = new RolesNotYetAssigned();
        var prefix = AzuriteFixture.NewHubName("roles");
        await using var app = LocalHost.Create(
            [
                "--environment=Development",
                $"--AzureWebJobsStorage={azurite.ConnectionString}",
                $"--Replies:Api:StoragePrefix={prefix}",
                $"--extensions:durableTask:hubName={prefix}hub",
                "--Logging:LogLevel:Default=Error",
            ],
            b =>
            {
                b.WebHost.UseTestServer();
                b.Services.PostConfigure<EngineOptions>(DurableTestHost.FastOptions);
            },
            roles.AddTo,
            appClientsOnly: true);
        await app.StartAsync();
        var startup = app.Services.GetRequiredService<AppStartup>();
        using var client = app.GetTestClient();

        var waiting = await client.GetAsync("/api/public/replies");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, waiting.StatusCode);
        Assert.NotNull(waiting.Headers.RetryAfter);
        Assert.False(startup.Ready.IsCompleted);
        Assert.True(roles.Refused > 0);

        roles.Assigned = true;
        await startup.Ready.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/public/replies")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/public")).StatusCode);
        await app.StopAsync();
    }
}
