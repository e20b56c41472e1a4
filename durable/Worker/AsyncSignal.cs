namespace Replies.Durable.Worker;

/// <summary>An auto-reset signal that a poller waits on with a timeout, so local work wakes it before its next poll.</summary>
internal sealed class AsyncSignal
{
    private readonly object _gate = new();
    private TaskCompletionSource _source = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _set;

    public void Set()
    {
        lock (_gate)
        {
            _set = true;
            _source.TrySetResult();
        }
    }

    /// <summary>Waits until set or the timeout passes; true when it was set.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task wait;
        lock (_gate)
        {
            if (_set)
            {
                _set = false;
                _source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return true;
            }

            wait = _source.Task;
        }

        try
        {
            await wait.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            return false;
        }

        lock (_gate)
        {
            _set = false;
            if (_source.Task.IsCompleted)
            {
                _source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        return true;
    }
}
