using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Replies.Durable.AzureStorage;
using Replies.Durable.Client;
using Replies.Durable.Worker;

namespace Replies.Durable.DependencyInjection;

/// <summary>Configures the runtime for <see cref="DurableTaskServiceCollectionExtensions.AddDurableTask"/>.</summary>
public sealed class DurableTaskBuilder
{
    internal DurableTaskBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The orchestrators and activities.</summary>
    public DurableTaskRegistry Registry { get; } = new();

    internal StorageAccount? Account { get; private set; }

    internal Action<ClientOptions>? ClientOptions { get; private set; }

    internal bool RunWorker { get; private set; } = true;

    /// <summary>Uses the account reached by a connection string.</summary>
    public DurableTaskBuilder UseConnectionString(string connectionString)
    {
        Account = StorageAccount.FromConnectionString(connectionString);
        return this;
    }

    /// <summary>Uses an account.</summary>
    public DurableTaskBuilder UseStorageAccount(StorageAccount account)
    {
        Account = account;
        return this;
    }

    /// <summary>Registers orchestrators and activities.</summary>
    public DurableTaskBuilder AddTasks(Action<DurableTaskRegistry> register)
    {
        register(Registry);
        return this;
    }

    /// <summary>Changes options after configuration binding.</summary>
    public DurableTaskBuilder Configure(Action<DurableTaskOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }

    /// <summary>Adjusts the Azure SDK client options of every storage client (for example to add a pipeline policy).</summary>
    public DurableTaskBuilder ConfigureStorageClients(Action<ClientOptions> configure)
    {
        ClientOptions += configure;
        return this;
    }

    /// <summary>Registers only the client: this process starts and queries instances but runs none.</summary>
    public DurableTaskBuilder ClientOnly()
    {
        RunWorker = false;
        return this;
    }
}

/// <summary>Wires the durable runtime into a host.</summary>
public static class DurableTaskServiceCollectionExtensions
{
    /// <summary>
    /// Adds the durable task client and (unless <see cref="DurableTaskBuilder.ClientOnly"/>) the hosted worker.
    /// Options are validated at start-up.
    /// </summary>
    public static IServiceCollection AddDurableTask(this IServiceCollection services, Action<DurableTaskBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new DurableTaskBuilder(services);
        configure(builder);
        var account = builder.Account ?? throw new InvalidOperationException("AddDurableTask needs a storage account: call UseConnectionString or UseStorageAccount.");

        services.AddLogging();
        services.AddOptions<DurableTaskOptions>()
            .ValidateDataAnnotations()
            .Validate(o => !o.Validate().Any(), "Durable task options are inconsistent (lease, polling or timer settings).")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DataConverter>(JsonDataConverter.Default);
        services.TryAddSingleton<LocalSignals>();
        services.AddSingleton(builder.Registry);
        services.AddSingleton(sp => new TaskHubStorage(account, sp.GetRequiredService<IOptions<DurableTaskOptions>>().Value, builder.ClientOptions));
        services.AddSingleton(sp => new PayloadColumns(sp.GetRequiredService<TaskHubStorage>()));
        services.AddSingleton(sp => new HistoryStore(sp.GetRequiredService<TaskHubStorage>(), sp.GetRequiredService<PayloadColumns>()));
        services.AddSingleton(sp => new InstanceStore(sp.GetRequiredService<TaskHubStorage>(), sp.GetRequiredService<PayloadColumns>()));
        services.AddSingleton(sp => new MessageCodec(sp.GetRequiredService<TaskHubStorage>()));
        services.AddSingleton(sp => new MessageSender(sp.GetRequiredService<TaskHubStorage>(), sp.GetRequiredService<MessageCodec>(), sp.GetRequiredService<LocalSignals>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<DurableTaskClient>(sp => new AzureStorageDurableTaskClient(
            sp.GetRequiredService<TaskHubStorage>(),
            sp.GetRequiredService<InstanceStore>(),
            sp.GetRequiredService<HistoryStore>(),
            sp.GetRequiredService<MessageSender>(),
            sp.GetRequiredService<LocalSignals>(),
            sp.GetRequiredService<DataConverter>(),
            sp.GetRequiredService<TimeProvider>()));

        if (builder.RunWorker)
        {
            services.AddSingleton(sp => new HistoryCache(sp.GetRequiredService<IOptions<DurableTaskOptions>>().Value.HistoryCacheCapacity));
            services.AddSingleton(sp => new OrchestrationEpisodeRunner(
                sp.GetRequiredService<TaskHubStorage>(),
                sp.GetRequiredService<HistoryStore>(),
                sp.GetRequiredService<InstanceStore>(),
                sp.GetRequiredService<MessageSender>(),
                sp.GetRequiredService<HistoryCache>(),
                sp.GetRequiredService<DurableTaskRegistry>(),
                sp,
                sp.GetRequiredService<LocalSignals>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<DataConverter>(),
                sp.GetRequiredService<ILoggerFactory>()));
            services.AddSingleton(sp => new ActivityDispatcher(
                sp.GetRequiredService<TaskHubStorage>(),
                sp.GetRequiredService<MessageCodec>(),
                sp.GetRequiredService<MessageSender>(),
                sp.GetRequiredService<DurableTaskRegistry>(),
                sp,
                sp.GetRequiredService<LocalSignals>(),
                sp.GetRequiredService<DataConverter>(),
                sp.GetRequiredService<ILoggerFactory>()));
            services.AddSingleton(sp => new PartitionLeaseManager(sp.GetRequiredService<TaskHubStorage>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger("Replies.Durable.Partitions")));
            services.AddSingleton(sp => new DurableTaskWorker(
                sp.GetRequiredService<TaskHubStorage>(),
                sp.GetRequiredService<ActivityDispatcher>(),
                sp.GetRequiredService<PartitionLeaseManager>(),
                (partition, concurrency) => new ControlQueueListener(
                    partition,
                    sp.GetRequiredService<TaskHubStorage>(),
                    sp.GetRequiredService<MessageCodec>(),
                    sp.GetRequiredService<MessageSender>(),
                    sp.GetRequiredService<OrchestrationEpisodeRunner>(),
                    concurrency,
                    sp.GetRequiredService<LocalSignals>(),
                    sp.GetRequiredService<TimeProvider>(),
                    sp.GetRequiredService<ILoggerFactory>().CreateLogger("Replies.Durable.ControlQueues")),
                sp.GetRequiredService<HistoryCache>(),
                sp.GetRequiredService<ILogger<DurableTaskWorker>>()));
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<DurableTaskWorker>());
        }

        return services;
    }
}
