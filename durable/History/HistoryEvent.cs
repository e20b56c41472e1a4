using System.Text.Json.Serialization;

namespace Replies.Durable.History;

/// <summary>One event of an orchestration's event-sourced history.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$t")]
[JsonDerivedType(typeof(ExecutionStarted), nameof(ExecutionStarted))]
[JsonDerivedType(typeof(OrchestratorStarted), nameof(OrchestratorStarted))]
[JsonDerivedType(typeof(TaskScheduled), nameof(TaskScheduled))]
[JsonDerivedType(typeof(TaskCompleted), nameof(TaskCompleted))]
[JsonDerivedType(typeof(TaskFailed), nameof(TaskFailed))]
[JsonDerivedType(typeof(TimerCreated), nameof(TimerCreated))]
[JsonDerivedType(typeof(TimerFired), nameof(TimerFired))]
[JsonDerivedType(typeof(EventRaised), nameof(EventRaised))]
[JsonDerivedType(typeof(SubOrchestrationCreated), nameof(SubOrchestrationCreated))]
[JsonDerivedType(typeof(SubOrchestrationCompleted), nameof(SubOrchestrationCompleted))]
[JsonDerivedType(typeof(SubOrchestrationFailed), nameof(SubOrchestrationFailed))]
[JsonDerivedType(typeof(ExecutionCompleted), nameof(ExecutionCompleted))]
[JsonDerivedType(typeof(ExecutionTerminated), nameof(ExecutionTerminated))]
[JsonDerivedType(typeof(ExecutionSuspended), nameof(ExecutionSuspended))]
[JsonDerivedType(typeof(ExecutionResumed), nameof(ExecutionResumed))]
public abstract record HistoryEvent
{
    /// <summary>The sequence number of the action that produced this event, or -1.</summary>
    public int EventId { get; init; } = -1;

    /// <summary>When the event was recorded (runtime clock).</summary>
    public DateTime Timestamp { get; init; }
}

/// <summary>The parent of a sub-orchestration.</summary>
public sealed record ParentInstance(string InstanceId, string ExecutionId, int TaskScheduledId);

/// <summary>Start of an execution.</summary>
public sealed record ExecutionStarted(string Name, string Version, string? Input, string ExecutionId, ParentInstance? Parent = null, DateTime? ScheduledStartTime = null) : HistoryEvent;

/// <summary>Start of an episode; its timestamp is the orchestration's current time.</summary>
public sealed record OrchestratorStarted : HistoryEvent;

/// <summary>An activity was scheduled (EventId is its sequence number).</summary>
public sealed record TaskScheduled(string Name, string Version, string? Input) : HistoryEvent;

/// <summary>An activity returned.</summary>
public sealed record TaskCompleted(int TaskScheduledId, string? Result) : HistoryEvent;

/// <summary>An activity threw.</summary>
public sealed record TaskFailed(int TaskScheduledId, TaskFailureDetails Failure) : HistoryEvent;

/// <summary>A durable timer was created (EventId is its sequence number).</summary>
public sealed record TimerCreated(DateTime FireAt) : HistoryEvent;

/// <summary>A durable timer fired.</summary>
public sealed record TimerFired(int TimerId, DateTime FireAt) : HistoryEvent;

/// <summary>An external event arrived.</summary>
public sealed record EventRaised(string Name, string? Input) : HistoryEvent;

/// <summary>A child orchestration was started (EventId is its sequence number).</summary>
public sealed record SubOrchestrationCreated(string Name, string Version, string InstanceId, string? Input) : HistoryEvent;

/// <summary>A child orchestration completed.</summary>
public sealed record SubOrchestrationCompleted(int TaskScheduledId, string? Result) : HistoryEvent;

/// <summary>A child orchestration failed.</summary>
public sealed record SubOrchestrationFailed(int TaskScheduledId, TaskFailureDetails Failure) : HistoryEvent;

/// <summary>The execution ended (completed, failed or continued as new).</summary>
public sealed record ExecutionCompleted(OrchestrationRuntimeStatus Status, string? Result, TaskFailureDetails? Failure) : HistoryEvent;

/// <summary>A client terminated the instance.</summary>
public sealed record ExecutionTerminated(string? Output) : HistoryEvent;

/// <summary>A client suspended the instance.</summary>
public sealed record ExecutionSuspended(string? Reason) : HistoryEvent;

/// <summary>A client resumed the instance.</summary>
public sealed record ExecutionResumed(string? Reason) : HistoryEvent;
