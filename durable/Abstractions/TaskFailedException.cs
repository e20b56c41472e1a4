namespace Replies.Durable;

/// <summary>
/// Thrown into an orchestrator when an activity or sub-orchestration it awaited failed; carries the failure details.
/// </summary>
public sealed class TaskFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {failureDetails.ErrorMessage}")
    {
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    /// <summary>The activity or sub-orchestration name.</summary>
    public string TaskName { get; }

    /// <summary>The sequence number of the task in the orchestration.</summary>
    public int TaskId { get; }

    /// <summary>The failure as recorded in history.</summary>
    public TaskFailureDetails FailureDetails { get; }
}

/// <summary>Raised when replay asks for a different action than the history recorded.</summary>
public sealed class NonDeterministicOrchestrationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NonDeterministicOrchestrationException(string message)
        : base(message)
    {
    }
}

/// <summary>Raised when orchestrator code awaits something that is not a durable task or leaves the orchestration thread.</summary>
public sealed class OrchestrationAwaitException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public OrchestrationAwaitException(string message)
        : base(message)
    {
    }
}

/// <summary>Raised by a client when an instance id is already running.</summary>
public sealed class OrchestrationAlreadyExistsException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public OrchestrationAlreadyExistsException(string instanceId, OrchestrationRuntimeStatus status)
        : base($"An orchestration with instance id '{instanceId}' already exists with status {status}.")
    {
        InstanceId = instanceId;
        Status = status;
    }

    /// <summary>The instance id asked for.</summary>
    public string InstanceId { get; }

    /// <summary>The status of the existing instance.</summary>
    public OrchestrationRuntimeStatus Status { get; }
}
