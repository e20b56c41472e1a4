using Microsoft.DurableTask;
using Replies.Workflows.Deadlines;

namespace Replies.Workflows.Lifecycle;

/// <summary>
/// Waits on every kind of decision and on the deadline sweep's <see cref="DeadlineReached"/> at once. A wait is renewed
/// only after its event is taken, so each kind has exactly one outstanding wait and no event is read twice.
/// </summary>
internal sealed class EventInbox(TaskOrchestrationContext context)
{
    private readonly Dictionary<string, (Func<Task<object>> Start, Task<object> Pending)> _waits = new(StringComparer.Ordinal);

    public EventInbox Watch<T>() where T : notnull
    {
        var name = typeof(T).Name;
        Func<Task<object>> start = async () => await context.WaitForExternalEvent<T>(name);
        _waits[name] = (start, start());
        return this;
    }

    /// <summary>The next decision or deadline, in the order the instance received them.</summary>
    public async Task<object> NextAsync()
    {
        var done = await Task.WhenAny(_waits.Values.Select(w => w.Pending));
        var name = _waits.First(w => w.Value.Pending == done).Key;
        var (start, pending) = _waits[name];
        _waits[name] = (start, start());
        return await pending;
    }
}
