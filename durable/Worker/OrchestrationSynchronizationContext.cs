namespace Replies.Durable.Worker;

/// <summary>
/// The single-threaded scheduler orchestrator code runs on: continuations are queued and run by the executor
/// on its own thread, so replay is deterministic. A post from any other thread means the code awaited something
/// that is not a durable task, and is recorded so the episode fails instead of racing.
/// </summary>
internal sealed class OrchestrationSynchronizationContext : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _work = new();
    private readonly int _ownerThreadId = Environment.CurrentManagedThreadId;
    private readonly object _gate = new();
    private bool _closed;

    public bool ForeignPostSeen { get; private set; }

    public bool IsOwnerThread => Environment.CurrentManagedThreadId == _ownerThreadId;

    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (_gate)
        {
            if (_closed || Environment.CurrentManagedThreadId != _ownerThreadId)
            {
                // Never run orchestrator code off the executor thread or after the episode ended.
                ForeignPostSeen = true;
                return;
            }

            _work.Enqueue((d, state));
        }
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Synchronous sends are not supported in orchestrator code.");

    public override SynchronizationContext CreateCopy() => this;

    public void Drain()
    {
        while (true)
        {
            (SendOrPostCallback Callback, object? State) item;
            lock (_gate)
            {
                if (_work.Count == 0)
                {
                    return;
                }

                item = _work.Dequeue();
            }

            item.Callback(item.State);
        }
    }

    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            _work.Clear();
        }
    }
}
