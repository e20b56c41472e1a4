using Replies.Workflows.Lifecycle;
using Replies.Workflows.ReadModel;
using Replies.Workflows.Reports;
using Replies.Workflows.Storage;

namespace Replies.Workflows.IntegrationTests;

/// <summary>The list tables as two instances read them, and the aggregates as transitions keep them.</summary>
public sealed class ReadModelTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Session = "市人大十二届三次会议";

    [Fact]
    public async Task What_one_instance_wrote_is_in_the_other_instances_next_read_and_a_row_that_left_is_marked_gone()
    {
        var storage = new ReplyStorage(azurite.ConnectionString, "Rm" + Guid.NewGuid().ToString("N")[..8]);
        await storage.EnsureCreatedAsync();
        var options = Microsoft.Extensions.Options.Options.Create(new ReadModelOptions());
        var first = new ItemLists(storage, options);
        var second = new ItemLists(storage, options);

        // Both instances hold the (empty) partitions before anything is written, and read them again.
        Assert.Empty(await first.SessionAsync(Session));
        Assert.Empty(await second.SessionAsync(Session));
        Assert.Empty(await second.SessionAsync(Session));
        Assert.Empty(await second.DepartmentAsync("市科学技术局"));

        var filed = Item("a", ProposalStage.AwaitingSignOff, 3) with { LeadDepartment = "市工信局" };
        await Task.WhenAll(ListWriter.Writes(storage, null, filed, default));
        Assert.Equal(ProposalStage.AwaitingSignOff, (await second.SessionAsync(Session)).Single().Stage);
        Assert.Single(await second.DepartmentAsync("市工信局"));
        Assert.Single(await first.OpenQueueAsync(), r => !r.Gone);

        // Re-assigned and then closed: the next read on either instance shows both, with no pause between.
        var moved = filed with { LeadDepartment = "市科学技术局", Stage = ProposalStage.Drafting, Sequence = 4 };
        await Task.WhenAll(ListWriter.Writes(storage, filed, moved, default));
        Assert.Empty(await second.DepartmentAsync("市工信局"));
        Assert.Equal("lead", (await second.DepartmentAsync("市科学技术局")).Single().Part);
        var closed = moved with { Stage = ProposalStage.Closed, Sequence = 5, ClosedAt = DateTime.UtcNow };
        await Task.WhenAll(ListWriter.Writes(storage, moved, closed, default));
        Assert.Equal(ProposalStage.Closed, (await first.SessionAsync(Session)).Single().Stage);
        Assert.True((await first.OpenQueueAsync()).Single().Gone);
        Assert.Equal("领衔", (await first.PersonAsync("p")).Single().Part);

        // Two days on, the department's gone row is purged; the open queue keeps ended items for the board a month.
        var purge = new GonePurge(storage, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(2)), options);
        Assert.Equal(1, await purge.PurgeAsync());
        Assert.Empty(await LifecycleHarness.RowsAsync(storage.ItemsByDepartment, "市工信局"));
        Assert.Single(await LifecycleHarness.RowsAsync(storage.ItemsByDepartment, "市科学技术局"));
        Assert.Single(await LifecycleHarness.RowsAsync(storage.ItemsByQueue, ListWriter.OpenPartition));
    }

    [Fact]
    public async Task An_unchanged_partition_costs_one_point_read_and_a_changed_one_one_query_since_the_previous_read()
    {
        var requests = new RequestLog();
        var prefix = "Rm" + Guid.NewGuid().ToString("N")[..8];
        var storage = new ReplyStorage(azurite.ConnectionString, prefix, o => o.AddPolicy(requests, Azure.Core.HttpPipelinePosition.PerRetry));
        await storage.EnsureCreatedAsync();
        var writer = new ReplyStorage(azurite.ConnectionString, prefix);
        var lists = new ItemLists(storage, Microsoft.Extensions.Options.Options.Create(new ReadModelOptions()));
        var filed = Item("a", ProposalStage.AwaitingSignOff, 3) with { LeadDepartment = "市工信局" };
        await Task.WhenAll(ListWriter.Writes(writer, null, filed, default));
        Assert.Single(await lists.SessionAsync(Session));

        requests.Clear();
        Assert.Single(await lists.SessionAsync(Session));
        Assert.Single(await lists.SessionAsync(Session));
        Assert.Equal(["point", "point"], requests.Kinds);

        requests.Clear();
        await Task.WhenAll(ListWriter.Writes(writer, filed, filed with { Stage = ProposalStage.Drafting, Sequence = 4 }, default));
        Assert.Equal(ProposalStage.Drafting, (await lists.SessionAsync(Session)).Single().Stage);
        Assert.Equal(["point", "query"], requests.Kinds);
    }

    [Fact]
    public async Task Aggregates_count_each_transition_once_however_often_it_is_stored_and_however_many_store_at_once()
    {
        var storage = new ReplyStorage(azurite.ConnectionString, "Rm" + Guid.NewGuid().ToString("N")[..8]);
        await storage.EnsureCreatedAsync();
        var metrics = new MetricsStore(storage);
        var lists = new ItemLists(storage, Microsoft.Extensions.Options.Options.Create(new ReadModelOptions()));

        // Forty items of one session and department submitted and filed at once: every bucket update races others.
        var submitted = Enumerable.Range(0, 40).Select(i => Item($"i{i:D2}", ProposalStage.FilingReview, 1)).ToList();
        await Task.WhenAll(submitted.Select(s => metrics.ApplyAsync(null, s)));
        var filed = submitted.Select(s => s with { Stage = ProposalStage.AwaitingSignOff, Sequence = 2, FilingNumber = 1, LeadDepartment = "市工信局" }).ToList();
        await Task.WhenAll(filed.Select((s, i) => metrics.ApplyAsync(submitted[i], s)));

        // A replayed activity (the same transition stored again) and a late copy of an older one change nothing.
        await metrics.ApplyAsync(submitted[0], filed[0]);
        await metrics.ApplyAsync(null, submitted[1]);
        var replied = filed[0] with { Stage = ProposalStage.AwaitingFeedback, Sequence = 3, RepliedAt = DateTime.UtcNow, RepliedOnTime = true, ResultClass = ResultClass.A };
        await metrics.ApplyAsync(filed[0], replied);
        await metrics.ApplyAsync(filed[0], replied);

        var report = (await lists.MetricsAsync()).ToList();
        var expected = HandlingMetrics.Of("全部", [replied, .. filed.Skip(1)]);
        var stored = HandlingMetrics.FromCounts("全部", HandlingMetrics.Add(report.Select(b => b.Counts)));
        Assert.Equal((40, 40, 1, 1), (stored.Total, stored.Filed, stored.Replied, stored.RepliedOnTime));
        Assert.Equal(expected.ByStage.OrderBy(p => p.Key), stored.ByStage.Where(p => p.Value != 0).OrderBy(p => p.Key));
        Assert.Equal(1, stored.ByClass["A"]);
        Assert.Equal([Session], await lists.SessionsAsync());
    }

    private static ProposalSnapshot Item(string id, ProposalStage stage, int sequence) => new()
    {
        ProposalId = id,
        Kind = ProposalKind.Suggestion,
        Session = Session,
        Title = "关于" + id + "的建议",
        Category = "其他",
        Proposer = new Person("p", "代表"),
        Stage = stage,
        Sequence = sequence,
        SubmittedAt = DateTime.UtcNow,
        UpdatedAt = DateTime.UtcNow,
        ReplyDue = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30),
    };

    // What the cache asks storage: a point read (one row by its keys) or a query.
    private sealed class RequestLog : Azure.Core.Pipeline.HttpPipelineSynchronousPolicy
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _kinds = new();

        public List<string> Kinds => [.. _kinds];

        public void Clear() => _kinds.Clear();

        public override void OnSendingRequest(Azure.Core.HttpMessage message) =>
            _kinds.Enqueue(message.Request.Uri.Query.Contains("filter", StringComparison.Ordinal) ? "query" : "point");
    }
}
