using System.Collections.Concurrent;

namespace Replies.Workflows.Storage;

/// <summary>
/// Wakes a caller in this process the moment the outcome of its request is stored, so it reads the outcome once
/// instead of polling. A caller in another process (or one that misses the signal) falls back to reading after its
/// timeout; nothing depends on the signal.
/// </summary>
public sealed class OutcomeSignals
{
    private readonly ConcurrentDictionary<(string ProposalId, string RequestId), TaskCompletionSource> _waiters = new();

    /// <summary>Waits until the outcome of the request is stored here, or the timeout passes.</summary>
    public async Task WaitAsync(string proposalId, string requestId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var waiter = _waiters.GetOrAdd((proposalId, requestId), _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            await waiter.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
        }
        finally
        {
            _waiters.TryRemove(new KeyValuePair<(string, string), TaskCompletionSource>((proposalId, requestId), waiter));
        }
    }

    /// <summary>Says the outcome of a request is stored.</summary>
    public void Stored(string proposalId, string requestId)
    {
        if (_waiters.TryGetValue((proposalId, requestId), out var waiter))
        {
            waiter.TrySetResult();
        }
    }
}
