using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Replies.Durable;
using Replies.Durable.AzureStorage;
using Replies.Durable.DependencyInjection;
using Replies.Durable.Worker;

namespace Replies.Bench.Retired;

/// <summary>The retired home-made runtime, hosted as its tests did; kept only to benchmark it beside the real engine.</summary>
internal sealed class RetiredEngineHost : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private RetiredEngineHost(IHost host) => _host = host;

    /// <summary>The client.</summary>
    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>The worker.</summary>
    public DurableTaskWorker Worker => _host.Services.GetRequiredService<DurableTaskWorker>();

    /// <summary>The services.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>Settings that make a test react in milliseconds and recover from a killed worker in seconds.</summary>
    public static void FastOptions(DurableTaskOptions o)
    {
        o.MinPollingInterval = TimeSpan.FromMilliseconds(10);
        o.MaxPollingInterval = TimeSpan.FromMilliseconds(250);
        o.LeaseDuration = TimeSpan.FromSeconds(15);
        o.LeaseRenewInterval = TimeSpan.FromSeconds(2);
        o.ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(5);
        o.WorkItemVisibilityTimeout = TimeSpan.FromSeconds(5);
        o.MaxTimerMessageDelay = TimeSpan.FromMilliseconds(250);
        o.ShutdownTimeout = TimeSpan.FromSeconds(5);
    }

    /// <summary>Starts a host with the worker (or only the client).</summary>
    public static async Task<RetiredEngineHost> StartAsync(
        string connectionString,
        string hubName,
        Action<DurableTaskRegistry> register,
        Action<DurableTaskOptions>? configure = null,
        TimeProvider? time = null,
        bool runWorker = true,
        Action<Azure.Core.ClientOptions>? clientOptions = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        services?.Invoke(builder.Services);
        builder.Services.AddDurableTask(d =>
        {
            d.UseConnectionString(connectionString).AddTasks(register).Configure(o =>
            {
                o.HubName = hubName;
                FastOptions(o);
                configure?.Invoke(o);
            });
            if (clientOptions is not null)
            {
                d.ConfigureStorageClients(clientOptions);
            }

            if (!runWorker)
            {
                d.ClientOnly();
            }
        });
        var host = builder.Build();
        await host.StartAsync();
        return new RetiredEngineHost(host);
    }

    /// <summary>Stops gracefully: running work finishes or is handed back, leases are released.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }
}
