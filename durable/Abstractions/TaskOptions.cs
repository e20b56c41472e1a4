namespace Replies.Durable;

/// <summary>Retry settings of a durable call.</summary>
public sealed class TaskRetryOptions
{
    /// <summary>Creates retry options from a policy.</summary>
    public TaskRetryOptions(RetryPolicy policy) => Policy = policy ?? throw new ArgumentNullException(nameof(policy));

    /// <summary>The policy applied.</summary>
    public RetryPolicy Policy { get; }

    /// <summary>Wraps a policy.</summary>
    public static implicit operator TaskRetryOptions(RetryPolicy policy) => new(policy);
}

/// <summary>Options of an activity or sub-orchestration call.</summary>
public record TaskOptions
{
    /// <summary>Creates options.</summary>
    public TaskOptions(TaskRetryOptions? retry = null) => Retry = retry;

    /// <summary>Retry behaviour; none by default.</summary>
    public TaskRetryOptions? Retry { get; init; }

    /// <summary>Options that retry with <paramref name="policy"/>.</summary>
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(new TaskRetryOptions(policy));

    /// <summary>Sub-orchestration options with this retry and the given instance id.</summary>
    public SubOrchestrationOptions WithInstanceId(string instanceId) => new(this, instanceId);
}

/// <summary>Options of a sub-orchestration call.</summary>
public record SubOrchestrationOptions : TaskOptions
{
    /// <summary>Creates options.</summary>
    public SubOrchestrationOptions(TaskRetryOptions? retry = null, string? instanceId = null)
        : base(retry) => InstanceId = instanceId;

    /// <summary>Copies task options and sets the instance id.</summary>
    public SubOrchestrationOptions(TaskOptions options, string? instanceId)
        : base(options?.Retry) => InstanceId = instanceId;

    /// <summary>The child's instance id; derived from the parent's when null.</summary>
    public string? InstanceId { get; init; }
}

/// <summary>Options of a new orchestration instance.</summary>
/// <param name="InstanceId">The instance id; a new GUID when null.</param>
/// <param name="StartAt">When to start; at once when null.</param>
public sealed record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null)
{
    /// <summary>The orchestrator version to start; the newest registered when null.</summary>
    public string? Version { get; init; }
}
