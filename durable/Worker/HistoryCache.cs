using Replies.Durable.AzureStorage;

namespace Replies.Durable.Worker;

/// <summary>
/// Recently used histories kept between episodes so a busy instance is not re-read each time. A stale entry is
/// harmless: its sentinel ETag no longer matches, the commit fails, and the episode reloads.
/// </summary>
internal sealed class HistoryCache(int capacity)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, LinkedListNode<(string Id, HistoryState State)>> _map = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Id, HistoryState State)> _lru = new();

    public HistoryState? TryGet(string instanceId)
    {
        lock (_gate)
        {
            if (!_map.TryGetValue(instanceId, out var node))
            {
                return null;
            }

            _lru.Remove(node);
            _lru.AddFirst(node);
            return node.Value.State;
        }
    }

    public void Put(string instanceId, HistoryState state)
    {
        if (capacity == 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_map.Remove(instanceId, out var old))
            {
                _lru.Remove(old);
            }

            _map[instanceId] = _lru.AddFirst((instanceId, state));
            while (_map.Count > capacity && _lru.Last is { } last)
            {
                _lru.RemoveLast();
                _map.Remove(last.Value.Id);
            }
        }
    }

    public void Remove(string instanceId)
    {
        lock (_gate)
        {
            if (_map.Remove(instanceId, out var node))
            {
                _lru.Remove(node);
            }
        }
    }

    public void RemoveWhere(Func<string, bool> predicate)
    {
        lock (_gate)
        {
            foreach (var id in _map.Keys.Where(predicate).ToList())
            {
                _lru.Remove(_map[id]);
                _map.Remove(id);
            }
        }
    }
}
