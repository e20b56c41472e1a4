namespace Replies.Durable;

/// <summary>How a failed activity or sub-orchestration is retried, with durable timers between attempts.</summary>
public sealed class RetryPolicy
{
    /// <summary>Creates a retry policy.</summary>
    /// <param name="maxNumberOfAttempts">Attempts in all, the first included; at least 1.</param>
    /// <param name="firstRetryInterval">Delay before the second attempt.</param>
    /// <param name="backoffCoefficient">Multiplier applied to the delay after each attempt; at least 1.</param>
    /// <param name="maxRetryInterval">Upper bound of any one delay.</param>
    /// <param name="retryTimeout">No attempt starts later than this after the first.</param>
    public RetryPolicy(int maxNumberOfAttempts, TimeSpan firstRetryInterval, double backoffCoefficient = 1.0, TimeSpan? maxRetryInterval = null, TimeSpan? retryTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumberOfAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstRetryInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(backoffCoefficient, 1.0);
        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = maxRetryInterval ?? TimeSpan.FromHours(1);
        RetryTimeout = retryTimeout ?? Timeout.InfiniteTimeSpan;
    }

    /// <summary>Attempts in all, the first included.</summary>
    public int MaxNumberOfAttempts { get; }

    /// <summary>Delay before the second attempt.</summary>
    public TimeSpan FirstRetryInterval { get; }

    /// <summary>Multiplier applied to the delay after each attempt.</summary>
    public double BackoffCoefficient { get; }

    /// <summary>Upper bound of any one delay.</summary>
    public TimeSpan MaxRetryInterval { get; }

    /// <summary>No attempt starts later than this after the first; infinite by default.</summary>
    public TimeSpan RetryTimeout { get; }

    /// <summary>Decides whether a failure is worth retrying; all are by default.</summary>
    public Func<TaskFailureDetails, bool> HandleFailure { get; init; } = static _ => true;

    /// <summary>The delay before attempt number <paramref name="nextAttempt"/> (2 for the first retry).</summary>
    public TimeSpan DelayBefore(int nextAttempt)
    {
        var factor = Math.Pow(BackoffCoefficient, nextAttempt - 2);
        var ticks = FirstRetryInterval.Ticks * factor;
        return ticks >= MaxRetryInterval.Ticks ? MaxRetryInterval : TimeSpan.FromTicks((long)ticks);
    }
}
