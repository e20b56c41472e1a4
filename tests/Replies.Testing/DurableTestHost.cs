using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Replies.Local.Engine;
using Replies.Workflows.Storage;

namespace Replies.Testing;

/// <summary>A real host running the engine against a task hub on Azurite, as the app does, with test-speed settings.</summary>
public sealed class DurableTestHost : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private DurableTestHost(IHost host) => _host = host;

    /// <summary>The client.</summary>
    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>The engine.</summary>
    public DurableEngine Engine => _host.Services.GetRequiredService<DurableEngine>();

    /// <summary>The services.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>
    /// Settings that make a test react quickly and recover from a killed worker in seconds: short leases, short
    /// visibility timeouts (a killed worker's messages come back soon) and a short maximum poll for other processes.
    /// </summary>
    public static void FastOptions(EngineOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        o.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500);
        o.LeaseInterval = TimeSpan.FromSeconds(15);
        o.LeaseRenewInterval = TimeSpan.FromSeconds(3);
        o.LeaseAcquireInterval = TimeSpan.FromSeconds(2);
        o.ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(10);
        o.WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(10);
        o.PartitionCount = 4;
    }

    /// <summary>Starts a host with the worker (or only the client).</summary>
    public static async Task<DurableTestHost> StartAsync(
        string connectionString,
        string hubName,
        Action<EngineTasks> register,
        Action<EngineOptions>? configure = null,
        TimeProvider? time = null,
        bool runWorker = true,
        Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        services?.Invoke(builder.Services);
        builder.Services.AddDurableEngine(StorageAccount.FromConnectionString(connectionString), register, o =>
        {
            o.HubName = hubName;
            FastOptions(o);
            o.RunWorker = runWorker;
            configure?.Invoke(o);
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        var host = builder.Build();
        await host.StartAsync();
        return new DurableTestHost(host);
    }

    /// <summary>Stops gracefully: running work finishes or is handed back, partitions are released.</summary>
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
