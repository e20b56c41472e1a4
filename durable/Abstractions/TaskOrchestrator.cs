namespace Replies.Durable;

/// <summary>An orchestrator as the runtime sees it.</summary>
public interface ITaskOrchestrator
{
    /// <summary>The input type.</summary>
    Type InputType { get; }

    /// <summary>The output type.</summary>
    Type OutputType { get; }

    /// <summary>Runs the orchestrator with a deserialized input.</summary>
    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}

/// <summary>
/// Base class of orchestrators. Code in <see cref="RunAsync(TaskOrchestrationContext, TInput)"/> must be deterministic:
/// time from <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>, ids from <see cref="TaskOrchestrationContext.NewGuid"/>,
/// and no awaiting of anything but the context's tasks.
/// </summary>
public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
{
    Type ITaskOrchestrator.InputType => typeof(TInput);

    Type ITaskOrchestrator.OutputType => typeof(TOutput);

    async Task<object?> ITaskOrchestrator.RunAsync(TaskOrchestrationContext context, object? input) =>
        await RunAsync(context, input is null ? default! : (TInput)input);

    /// <summary>The orchestration's logic.</summary>
    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);
}

/// <summary>Base class of activities: the steps that do I/O. They run at least once; make them idempotent.</summary>
public abstract class TaskActivity<TInput, TOutput> : ITaskActivity
{
    Type ITaskActivity.InputType => typeof(TInput);

    Type ITaskActivity.OutputType => typeof(TOutput);

    async Task<object?> ITaskActivity.RunAsync(TaskActivityContext context, object? input) =>
        await RunAsync(context, input is null ? default! : (TInput)input);

    /// <summary>The activity's logic.</summary>
    public abstract Task<TOutput> RunAsync(TaskActivityContext context, TInput input);
}

/// <summary>An activity as the runtime sees it.</summary>
public interface ITaskActivity
{
    /// <summary>The input type.</summary>
    Type InputType { get; }

    /// <summary>The output type.</summary>
    Type OutputType { get; }

    /// <summary>Runs the activity with a deserialized input.</summary>
    Task<object?> RunAsync(TaskActivityContext context, object? input);
}

/// <summary>What an activity knows about its invocation.</summary>
public abstract class TaskActivityContext
{
    /// <summary>The activity name.</summary>
    public abstract TaskName Name { get; }

    /// <summary>The orchestration instance that scheduled it.</summary>
    public abstract string InstanceId { get; }

    /// <summary>The task's sequence number in the orchestration; with <see cref="InstanceId"/> an idempotency key.</summary>
    public virtual int TaskId => 0;

    /// <summary>Cancelled when the worker shuts down.</summary>
    public virtual CancellationToken CancellationToken => CancellationToken.None;
}
