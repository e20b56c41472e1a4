namespace Replies.Workflows.Watchdog;

/// <summary>When the watchdog counts something as not moving (<c>Replies:Watchdog</c>).</summary>
public sealed class WatchdogOptions
{
    /// <summary>A decision sent this long ago without an outcome is raised again once, then reported (longer than an activity's whole retry policy).</summary>
    public TimeSpan OutcomeAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>An alarm still waiting this long after it fell due (the sweep raises and removes it each minute) is raised again, then reported.</summary>
    public TimeSpan AlarmAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>An instance still pending (never started) this long after it was created is reported.</summary>
    public TimeSpan PendingAfter { get; set; } = TimeSpan.FromMinutes(10);
}
