namespace Replies.Testing;

/// <summary>
/// Waiting for something the system does in its own time (a lifecycle's transition, a queue's delivery, an index's
/// update): the condition is asked again until it holds or the time is up, and a timeout fails with what was last
/// seen. The one wait loop of the tests; never a sleep followed by an assertion.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(100);

    /// <summary>Asks <paramref name="probe"/> until its answer meets <paramref name="done"/>; that answer.</summary>
    /// <exception cref="TimeoutException">The time ran out; the message says what and the last answer.</exception>
    public static async Task<T> GetAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan within, Func<T, string> whatFailed, TimeSpan? every = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        ArgumentNullException.ThrowIfNull(whatFailed);
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var last = await probe();
            if (done(last))
            {
                return last;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not within {within.TotalSeconds:0} s: {whatFailed(last)}");
            }

            await Task.Delay(every ?? Every, cancellationToken);
        }
    }

    /// <summary>Asks <paramref name="condition"/> until it holds.</summary>
    /// <exception cref="TimeoutException">The time ran out; the message says what.</exception>
    public static Task TrueAsync(Func<Task<bool>> condition, TimeSpan within, string what, TimeSpan? every = null, CancellationToken cancellationToken = default) =>
        GetAsync(condition, held => held, within, _ => what, every, cancellationToken);

    /// <summary>Asks <paramref name="condition"/> until it holds.</summary>
    /// <exception cref="TimeoutException">The time ran out; the message says what.</exception>
    public static Task TrueAsync(Func<bool> condition, TimeSpan within, string what, TimeSpan? every = null, CancellationToken cancellationToken = default) =>
        GetAsync(() => Task.FromResult(condition()), held => held, within, _ => what, every, cancellationToken);
}
