using Replies.Durable;

namespace Replies.Workflows.Lifecycle;

/// <summary>
/// Waits on every kind of decision at once, raced against one alarm. A wait is renewed only after its event is taken,
/// and the alarm timer is reused while its time is unchanged, so a long-lived instance leaves few orphan timers.
/// </summary>
internal sealed class EventInbox(TaskOrchestrationContext context)
{
    private readonly Dictionary<string, (Func<Task<ProposalAction>> Start, Task<ProposalAction> Pending)> _waits = new(StringComparer.Ordinal);
    private Task? _alarm;
    private DateTime? _alarmAt;
    private CancellationTokenSource? _alarmCancel;

    public EventInbox Watch<T>() where T : ProposalAction
    {
        var name = typeof(T).Name;
        Func<Task<ProposalAction>> start = async () => await context.WaitForExternalEvent<T>(name);
        _waits[name] = (start, start());
        return this;
    }

    /// <summary>The next decision, or null when the alarm at <paramref name="alarmAt"/> went off first.</summary>
    public async Task<ProposalAction?> NextAsync(DateTime? alarmAt)
    {
        if (alarmAt != _alarmAt)
        {
            _alarmCancel?.Cancel();
            _alarmCancel?.Dispose();
            _alarmCancel = alarmAt is null ? null : new CancellationTokenSource();
            _alarm = alarmAt is { } at ? context.CreateTimer(at, _alarmCancel!.Token) : null;
            _alarmAt = alarmAt;
        }

        var tasks = _waits.Values.Select(w => (Task)w.Pending).ToList();
        if (_alarm is not null)
        {
            tasks.Add(_alarm);
        }

        var done = await Task.WhenAny(tasks);
        if (done == _alarm)
        {
            _alarm = null;
            _alarmAt = null;
            return null;
        }

        var name = _waits.First(w => w.Value.Pending == done).Key;
        var (start, pending) = _waits[name];
        _waits[name] = (start, start());
        return await pending;
    }
}
