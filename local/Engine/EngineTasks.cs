using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;

namespace Replies.Local.Engine;

/// <summary>
/// The orchestrators and activities the engine runs, by name. Each becomes a Durable Task Framework object through
/// Microsoft.DurableTask's public shim factory, created afresh for every episode or activity call (activities from DI).
/// </summary>
public sealed class EngineTasks
{
    private readonly Dictionary<string, Func<IServiceProvider, DurableTaskShimFactory, TaskOrchestration>> _orchestrators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<IServiceProvider, DurableTaskShimFactory, TaskActivity>> _activities = new(StringComparer.Ordinal);

    /// <summary>The registered orchestrator names.</summary>
    public IReadOnlyCollection<string> OrchestratorNames => _orchestrators.Keys;

    /// <summary>The registered activity names.</summary>
    public IReadOnlyCollection<string> ActivityNames => _activities.Keys;

    /// <summary>Adds an orchestrator class under its type name.</summary>
    public EngineTasks AddOrchestrator(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!typeof(ITaskOrchestrator).IsAssignableFrom(type))
        {
            throw new ArgumentException($"{type} is not an orchestrator.", nameof(type));
        }

        _orchestrators[type.Name] = (services, shims) =>
            shims.CreateOrchestration(type.Name, (ITaskOrchestrator)ActivatorUtilities.CreateInstance(services, type));
        return this;
    }

    /// <summary>Adds an activity class under its type name; its constructor's services come from DI.</summary>
    public EngineTasks AddActivity(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!typeof(ITaskActivity).IsAssignableFrom(type))
        {
            throw new ArgumentException($"{type} is not an activity.", nameof(type));
        }

        _activities[type.Name] = (services, shims) =>
            shims.CreateActivity(type.Name, (ITaskActivity)ActivatorUtilities.CreateInstance(services, type));
        return this;
    }

    /// <summary>Adds an orchestrator written as a function.</summary>
    public EngineTasks AddOrchestratorFunc<TInput, TOutput>(string name, Func<TaskOrchestrationContext, TInput?, Task<TOutput?>> run)
    {
        _orchestrators[name] = (_, shims) => shims.CreateOrchestration(name, run);
        return this;
    }

    /// <summary>Adds an activity written as a function.</summary>
    public EngineTasks AddActivityFunc<TInput, TOutput>(string name, Func<TaskActivityContext, TInput?, Task<TOutput?>> run)
    {
        _activities[name] = (_, shims) => shims.CreateActivity(name, run);
        return this;
    }

    /// <summary>Hands every registration to a framework worker.</summary>
    internal void RegisterWith(TaskHubWorker worker, IServiceProvider services, DurableTaskShimFactory shims)
    {
        foreach (var (name, create) in _orchestrators)
        {
            worker.AddTaskOrchestrations(new Creator<TaskOrchestration>(name, () => create(services, shims)));
        }

        foreach (var (name, create) in _activities)
        {
            worker.AddTaskActivities(new Creator<TaskActivity>(name, () => create(services, shims)));
        }
    }

    private sealed class Creator<T> : ObjectCreator<T>
    {
        private readonly Func<T> _create;

        public Creator(string name, Func<T> create)
        {
            Name = name;
            Version = string.Empty;
            _create = create;
        }

        public override T Create() => _create();
    }
}
