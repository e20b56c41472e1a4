using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Replies.Functions.Reports;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Functions.IntegrationTests;

public sealed class ListCacheTests
{
    [Fact]
    public void A_cached_list_is_served_until_the_catalog_changes_and_then_recomputed()
    {
        using var catalog = new ProposalCatalog(new ReplyStorage("UseDevelopmentStorage=true", "Unused"), TimeProvider.System);
        var cache = new ListCache(catalog, TimeProvider.System);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        catalog.Apply(Item("a", ProposalStage.Drafting, today.AddDays(20), 1));
        catalog.Apply(Item("b", ProposalStage.Drafting, today.AddDays(5), 1));
        catalog.Apply(Item("c", ProposalStage.Closed, today.AddDays(1), 1));
        var (filter, _) = ListFilter.Parse(new QueryCollection(new Dictionary<string, StringValues> { ["stage"] = "Drafting" }), 200);

        var first = cache.Matches(filter!);
        Assert.Equal(["b", "a"], first.Select(s => s.ProposalId));
        Assert.Same(first, cache.Matches(filter! with { Page = 3 }));

        // A newer snapshot of "a" moves it out of drafting; an older one is ignored and keeps the cache.
        catalog.Apply(Item("b", ProposalStage.Drafting, today.AddDays(5), 0));
        Assert.Same(first, cache.Matches(filter!));
        catalog.Apply(Item("a", ProposalStage.AwaitingApproval, today.AddDays(20), 2));
        Assert.Equal(["b"], cache.Matches(filter!).Select(s => s.ProposalId));
    }

    private static ProposalSnapshot Item(string id, ProposalStage stage, DateOnly due, int sequence) => new()
    {
        ProposalId = id,
        Kind = ProposalKind.Suggestion,
        Session = "市人大十二届三次会议",
        Title = "关于" + id + "的建议",
        Category = "其他",
        Proposer = new Person("p", "代表"),
        Stage = stage,
        Sequence = sequence,
        ReplyDue = due,
    };
}
