using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Replies.Workflows;
using Replies.Workflows.Storage;

namespace Replies.Local.Engine;

/// <summary>Wires the engine into a host: the hosted worker and the <see cref="DurableTaskClient"/> over the same service.</summary>
public static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// Adds the engine over <paramref name="account"/> running the tasks <paramref name="register"/> adds, with options
    /// set by <paramref name="configure"/> (typically <see cref="EngineOptions.BindHostJson"/>; tests post-configure).
    /// </summary>
    public static IServiceCollection AddDurableEngine(this IServiceCollection services, StorageAccount account, Action<EngineTasks> register, Action<EngineOptions>? configure = null, DataConverter? converter = null)
    {
        ArgumentNullException.ThrowIfNull(register);
        var tasks = new EngineTasks();
        register(tasks);
        services.AddOptions<EngineOptions>().Configure(o => configure?.Invoke(o));
        services.AddSingleton(sp => new DurableEngine(
            sp.GetRequiredService<IOptions<EngineOptions>>().Value,
            account,
            tasks,
            converter ?? WorkflowJson.Converter,
            sp,
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        services.AddSingleton<DurableTaskClient>(sp => sp.GetRequiredService<DurableEngine>().Client);
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<DurableEngine>());
        return services;
    }

    /// <summary>Registers every orchestrator and activity of the proposal workflows.</summary>
    public static EngineTasks AddReplyWorkflows(this EngineTasks tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        foreach (var type in WorkflowRegistration.Orchestrators)
        {
            tasks.AddOrchestrator(type);
        }

        foreach (var type in WorkflowRegistration.Activities)
        {
            tasks.AddActivity(type);
        }

        return tasks;
    }
}
