namespace Replies.Functions.Dev;

/// <summary>
/// The business clock with the development sign-in: the system's time plus an offset that <see cref="SetDevClock"/>
/// sets, so a test under any host (the real Functions host included) can let weeks pass for the deadline sweep
/// without waiting for them. Per process; never registered outside Development.
/// </summary>
public sealed class DevClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
        set => Interlocked.Exchange(ref _offsetTicks, value.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
