using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Replies.Durable.Diagnostics;

/// <summary>The runtime's OpenTelemetry sources: an <see cref="ActivitySource"/> and a <see cref="Meter"/> named <c>Replies.Durable</c>.</summary>
public static class DurableTelemetry
{
    /// <summary>The name of the activity source and meter.</summary>
    public const string Name = "Replies.Durable";

    /// <summary>Traces episodes and activity executions.</summary>
    public static readonly ActivitySource Source = new(Name);

    /// <summary>Counts and times the runtime's work.</summary>
    public static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> Episodes = Meter.CreateCounter<long>("durable.episodes", description: "Orchestration episodes committed");

    internal static readonly Histogram<double> EpisodeDuration = Meter.CreateHistogram<double>("durable.episode.duration", "ms", "Time from dequeue to messages deleted");

    internal static readonly Counter<long> ActivitiesExecuted = Meter.CreateCounter<long>("durable.activities", description: "Activity executions, retries and duplicates included");

    internal static readonly Counter<long> PoisonMessages = Meter.CreateCounter<long>("durable.poison_messages", description: "Work items failed after too many dequeues");

    internal static readonly Counter<long> DuplicateMessages = Meter.CreateCounter<long>("durable.duplicate_messages", description: "Messages dropped because history already held them");

    internal static readonly Counter<long> CommitConflicts = Meter.CreateCounter<long>("durable.commit_conflicts", description: "Episodes retried because another worker committed first");
}
