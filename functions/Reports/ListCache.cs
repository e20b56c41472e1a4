using System.Collections.Concurrent;
using Replies.Functions.Views;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Functions.Reports;

/// <summary>
/// The matches of a filter, sorted, kept until the catalog changes: paging through a list, or many clerks looking at
/// the same board, costs a lookup instead of a scan and sort of every item. Exact, never stale: any change to the
/// catalog moves its version and the next request recomputes.
/// </summary>
public sealed class ListCache(ProposalCatalog catalog, TimeProvider time)
{
    private const int MaxEntries = 256;
    private readonly ConcurrentDictionary<(ListFilter Filter, DateOnly Today), (long Version, ProposalSnapshot[] Items)> _entries = new();

    public IReadOnlyList<ProposalSnapshot> Matches(ListFilter filter)
    {
        var today = ChinaTime.Today(time);
        var key = (filter with { Page = 1, PageSize = 1 }, today);
        var version = catalog.Version;
        if (_entries.TryGetValue(key, out var hit) && hit.Version == version)
        {
            return hit.Items;
        }

        var items = filter.Apply(catalog.All, today).ToArray();
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[key] = (version, items);
        return items;
    }
}
