namespace Replies.Durable.Worker;

/// <summary>Idle back-off: each empty poll doubles the wait up to a maximum; any work resets it.</summary>
internal sealed class PollingBackoff(TimeSpan min, TimeSpan max)
{
    private TimeSpan _current = TimeSpan.Zero;

    public TimeSpan Next()
    {
        _current = _current == TimeSpan.Zero ? min : TimeSpan.FromTicks(Math.Min(max.Ticks, _current.Ticks * 2));
        return _current;
    }

    public void Reset() => _current = TimeSpan.Zero;
}
