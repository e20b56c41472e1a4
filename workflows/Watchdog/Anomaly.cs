namespace Replies.Workflows.Watchdog;

/// <summary>What kind of 处理异常 the watchdog found.</summary>
public enum AnomalyKind
{
    /// <summary>A decision without an outcome, though raised again.</summary>
    DecisionUnanswered,

    /// <summary>A deadline not handled, though raised again.</summary>
    AlarmUnhandled,

    /// <summary>The item's lifecycle failed and could not be rewound.</summary>
    LifecycleFailed,

    /// <summary>The item's lifecycle was ended by hand while the item was open.</summary>
    LifecycleTerminated,

    /// <summary>Submitted, but its lifecycle never started.</summary>
    NeverStarted,
}

/// <summary>A 处理异常 shown to the clerk office: the item, what, why (in Chinese), and since when.</summary>
public sealed record Anomaly(string ProposalId, AnomalyKind Kind, string Reason, DateTimeOffset Since);

/// <summary>What one watchdog run did: events raised again, decisions answered for ended items, lifecycles rewound, and the 处理异常 it left.</summary>
public sealed record WatchdogReport(int RaisedAgain, int Answered, int Rewound, int Cleared, IReadOnlyList<Anomaly> Anomalies)
{
    /// <summary>Whether the run repaired or reported anything.</summary>
    public bool Acted => RaisedAgain + Answered + Rewound > 0 || Anomalies.Count > 0;
}
