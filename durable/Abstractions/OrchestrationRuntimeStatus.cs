namespace Replies.Durable;

/// <summary>The runtime status of an orchestration instance, as in Microsoft.DurableTask.</summary>
public enum OrchestrationRuntimeStatus
{
    /// <summary>The instance is running or waiting for work.</summary>
    Running = 0,

    /// <summary>The instance finished normally.</summary>
    Completed = 1,

    /// <summary>The instance restarted itself with new input; only seen transiently.</summary>
    ContinuedAsNew = 2,

    /// <summary>The instance failed with an unhandled error.</summary>
    Failed = 3,

    /// <summary>The instance was terminated by a client.</summary>
    Terminated = 5,

    /// <summary>The instance was scheduled but has not started yet.</summary>
    Pending = 6,

    /// <summary>The instance is suspended and holds incoming events until resumed.</summary>
    Suspended = 7,
}

/// <summary>Helpers on <see cref="OrchestrationRuntimeStatus"/>.</summary>
public static class OrchestrationRuntimeStatusExtensions
{
    /// <summary>Whether the status is final: nothing will run for this execution again.</summary>
    public static bool IsTerminal(this OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
}
