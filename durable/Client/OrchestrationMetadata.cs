namespace Replies.Durable;

/// <summary>The state of one orchestration instance as a client sees it.</summary>
public sealed record OrchestrationMetadata(string Name, string InstanceId)
{
    /// <summary>The orchestrator version recorded at start.</summary>
    public string Version { get; init; } = "";

    /// <summary>The runtime status.</summary>
    public OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>When the instance was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the status, custom status or output last changed.</summary>
    public DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>The serialized input, when asked for.</summary>
    public string? SerializedInput { get; init; }

    /// <summary>The serialized output, when asked for.</summary>
    public string? SerializedOutput { get; init; }

    /// <summary>The serialized custom status, when asked for.</summary>
    public string? SerializedCustomStatus { get; init; }

    /// <summary>Why the instance failed.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>Whether the instance is running, pending or suspended.</summary>
    public bool IsRunning => RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended;

    /// <summary>Whether the instance completed, failed or was terminated.</summary>
    public bool IsCompleted => RuntimeStatus.IsTerminal();

    /// <summary>The input as <typeparamref name="T"/>.</summary>
    public T? ReadInputAs<T>() => JsonDataConverter.Default.Deserialize<T>(SerializedInput);

    /// <summary>The output as <typeparamref name="T"/>.</summary>
    public T? ReadOutputAs<T>() => JsonDataConverter.Default.Deserialize<T>(SerializedOutput);

    /// <summary>The custom status as <typeparamref name="T"/>.</summary>
    public T? ReadCustomStatusAs<T>() => JsonDataConverter.Default.Deserialize<T>(SerializedCustomStatus);
}

/// <summary>A filter over instances, with paging.</summary>
public sealed record OrchestrationQuery
{
    /// <summary>Only instances created at or after this time.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Only instances created at or before this time.</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Only instances in one of these states.</summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses { get; init; }

    /// <summary>Only instances whose id starts with this.</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>Instances per page.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>Where the previous page stopped.</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>Whether to return inputs, outputs and custom status.</summary>
    public bool FetchInputsAndOutputs { get; init; }
}

/// <summary>Which finished instances to purge.</summary>
public sealed record PurgeInstancesFilter(DateTimeOffset? CreatedFrom = null, DateTimeOffset? CreatedTo = null, IEnumerable<OrchestrationRuntimeStatus>? Statuses = null);

/// <summary>How many instances a purge removed.</summary>
public sealed record PurgeResult(int PurgedInstanceCount);
