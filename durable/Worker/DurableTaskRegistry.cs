using Microsoft.Extensions.DependencyInjection;

namespace Replies.Durable.Worker;

/// <summary>
/// The orchestrators and activities a worker can run, by name and version. Several versions of one orchestrator may be
/// registered side by side: an instance runs on the version recorded when it started; a start without a version takes
/// the newest.
/// </summary>
public sealed class DurableTaskRegistry
{
    private readonly Dictionary<string, SortedDictionary<string, Func<IServiceProvider, ITaskOrchestrator>>> _orchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<IServiceProvider, ITaskActivity>> _activities = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Registers an orchestrator type under its class name (or the given name and version).</summary>
    public DurableTaskRegistry AddOrchestrator<T>(string? name = null, string version = "") where T : class, ITaskOrchestrator =>
        AddOrchestrator(new TaskName(name ?? typeof(T).Name, version), sp => ActivatorUtilities.GetServiceOrCreateInstance<T>(sp));

    /// <summary>Registers an orchestrator factory.</summary>
    public DurableTaskRegistry AddOrchestrator(TaskName name, Func<IServiceProvider, ITaskOrchestrator> factory)
    {
        if (!_orchestrators.TryGetValue(name.Name, out var versions))
        {
            versions = new SortedDictionary<string, Func<IServiceProvider, ITaskOrchestrator>>(VersionComparer.Instance);
            _orchestrators[name.Name] = versions;
        }

        if (!versions.TryAdd(name.Version, factory))
        {
            throw new ArgumentException($"Orchestrator '{name}' is registered twice.", nameof(name));
        }

        return this;
    }

    /// <summary>Registers an orchestrator written as a function.</summary>
    public DurableTaskRegistry AddOrchestratorFunc<TInput, TOutput>(TaskName name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> run) =>
        AddOrchestrator(name, _ => new FuncOrchestrator<TInput, TOutput>(run));

    /// <summary>Registers an activity type under its class name (or the given name).</summary>
    public DurableTaskRegistry AddActivity<T>(string? name = null) where T : class, ITaskActivity =>
        AddActivity(name ?? typeof(T).Name, sp => ActivatorUtilities.GetServiceOrCreateInstance<T>(sp));

    /// <summary>Registers an activity factory.</summary>
    public DurableTaskRegistry AddActivity(string name, Func<IServiceProvider, ITaskActivity> factory)
    {
        if (!_activities.TryAdd(name, factory))
        {
            throw new ArgumentException($"Activity '{name}' is registered twice.", nameof(name));
        }

        return this;
    }

    /// <summary>Registers an activity written as a function.</summary>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(string name, Func<TaskActivityContext, TInput, Task<TOutput>> run) =>
        AddActivity(name, _ => new FuncActivity<TInput, TOutput>(run));

    /// <summary>The version a start without one gets: the newest registered, or empty when the name is unknown here.</summary>
    public string ResolveVersion(string name, string version)
    {
        if (!string.IsNullOrEmpty(version) || !_orchestrators.TryGetValue(name, out var versions) || versions.Count == 0)
        {
            return version;
        }

        return versions.Keys.Last();
    }

    internal Func<IServiceProvider, ITaskOrchestrator>? FindOrchestrator(string name, string version) =>
        _orchestrators.TryGetValue(name, out var versions) && versions.TryGetValue(version, out var factory) ? factory : null;

    internal Func<IServiceProvider, ITaskActivity>? FindActivity(string name) =>
        _activities.TryGetValue(name, out var factory) ? factory : null;

    private sealed class FuncOrchestrator<TInput, TOutput>(Func<TaskOrchestrationContext, TInput, Task<TOutput>> run) : TaskOrchestrator<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input) => run(context, input);
    }

    private sealed class FuncActivity<TInput, TOutput>(Func<TaskActivityContext, TInput, Task<TOutput>> run) : TaskActivity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => run(context, input);
    }

    /// <summary>Orders versions numerically where they parse ("2.0" after "10.0" is wrong), ordinally otherwise.</summary>
    private sealed class VersionComparer : IComparer<string>
    {
        public static readonly VersionComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            if (Version.TryParse(x, out var vx) && Version.TryParse(y, out var vy))
            {
                return vx.CompareTo(vy);
            }

            if (int.TryParse(x, out var ix) && int.TryParse(y, out var iy))
            {
                return ix.CompareTo(iy);
            }

            return string.CompareOrdinal(x, y);
        }
    }
}
