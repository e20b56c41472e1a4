namespace Replies.Workflows.Deadlines;

/// <summary>
/// The deadline sweep found an instance's alarm due and tells it so. <see cref="At"/> is the business time of the sweep,
/// which the instance takes as "now"; an alarm the instance no longer waits for (the key differs) is ignored.
/// </summary>
public sealed record DeadlineReached(string Key, DateTime At);

/// <summary>The alarm an instance waits for, kept as data: the key it expects back, when, and what it replaces.</summary>
/// <param name="InstanceId">The orchestration instance to wake.</param>
/// <param name="Key">What the instance will look for in <see cref="DeadlineReached.Key"/>; null clears the alarm.</param>
/// <param name="At">When it is due (UTC).</param>
/// <param name="PreviousAt">The time of the alarm it replaces, whose row is removed.</param>
public sealed record AlarmSetting(string InstanceId, string? Key, DateTime? At, DateTime? PreviousAt);
