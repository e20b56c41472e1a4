using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Replies.Local.Engine;
using Replies.Testing;
using Replies.Workflows.Deadlines;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Rules;
using Replies.Workflows.Storage;

namespace Replies.Workflows.IntegrationTests;

/// <summary>The lifecycle running for real on Azurite with a fake clock, driven the way the HTTP functions will drive it.</summary>
public sealed class LifecycleHarness : IAsyncDisposable
{
    public static readonly Actor Clerk = new("clerk1", "市政府督查室", Role.Clerk);
    public static readonly Person Deputy = new("dep1", "叶元朋");
    public static readonly Person CoSigner = new("dep2", "王明新");
    public const string Lead = "市科技局";
    public const string CoHandler = "市发改委";
    public static readonly Actor Handler = new("h1", "张承办", Role.Handler, Lead);
    public static readonly Actor Leader = new("l1", "李局长", Role.Leader, Lead);
    public static readonly Actor Leader2 = new("l2", "赵副局长", Role.Leader, Lead);
    public static readonly Actor CoHandlerStaff = new("h2", "刘会办", Role.Handler, CoHandler);

    private static int _counter;
    private readonly DurableTestHost _host;
    private int _requests;

    private LifecycleHarness(DurableTestHost host, FakeTimeProvider clock, ReplyStorage storage, RulesProfile rules)
    {
        _host = host;
        Clock = clock;
        Storage = storage;
        Rules = rules;
        Store = new ProposalStore(storage);
        Ledger = new DecisionLedger(storage);
        Writer = new TransitionWriter(storage);
        Drafts = new DraftStore(storage, clock);
    }

    public FakeTimeProvider Clock { get; }

    public ReplyStorage Storage { get; }

    public ProposalStore Store { get; }

    public DecisionLedger Ledger { get; }

    public TransitionWriter Writer { get; }

    public DraftStore Drafts { get; }

    public RulesProfile Rules { get; }

    public DurableTaskClient Client => _host.Client;

    public IServiceProvider Services => _host.Services;

    public static async Task<LifecycleHarness> StartAsync(string connectionString, RulesProfile? rules = null)
    {
        var n = Interlocked.Increment(ref _counter);
        var prefix = $"w{n}x{Guid.NewGuid().ToString("N")[..6]}";
        // Monday 2026-03-02, 09:00 in China.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
        var storage = new ReplyStorage(connectionString, prefix);
        await storage.EnsureCreatedAsync();
        var host = await DurableTestHost.StartAsync(
            connectionString,
            prefix + "hub",
            r => r.AddReplyWorkflows(),
            time: clock,
            services: s =>
            {
                s.AddReplyWorkflowStores(storage);
                // The sweep runs every 100 ms, so a deadline the fake clock passes is raised at once.
                s.AddSingleton(Options.Create(new DeadlineOptions { SweepInterval = TimeSpan.FromMilliseconds(100) }));
                s.AddHostedService<DeadlineSweepService>();
            });
        return new LifecycleHarness(host, clock, storage, rules ?? new RulesProfile());
    }

    public async Task<string> SubmitAsync(string id, IReadOnlyList<Person>? coSigners = null, Person? proposer = null, string title = "关于加强科技创新促进产业发展的建议")
    {
        var submission = new ProposalSubmission(id, ProposalKind.Suggestion, "市人大十二届三次会议", title, "建议加强科技创新平台建设。", "科技", proposer ?? Deputy, coSigners ?? []);
        await Client.StartLifecycleAsync(new ProposalLifecycleInput(submission, Rules), Clock);
        await WaitForAsync(id, s => s.Sequence >= 1);
        return id;
    }

    /// <summary>Sends a decision and waits for its outcome, as the app does.</summary>
    public async Task<RequestOutcome> SendAsync(string id, Func<string, ProposalAction> make)
    {
        var action = make($"req-{Interlocked.Increment(ref _requests)}");
        return await _host.Services.GetRequiredService<DecisionSender>().SendAsync(Client, id, action, TimeSpan.FromSeconds(60))
            ?? throw new Xunit.Sdk.XunitException($"no outcome for {action.RequestId} on {id}");
    }

    public Task RaiseAsync(string id, ProposalAction action) => Client.SendDecisionAsync(id, action, Clock);

    /// <summary>The alarm an instance waits for now (key and time), as the deadline sweep sees it.</summary>
    public Task<(string Key, DateTime At)?> AlarmAsync(string instanceId) => _host.Services.GetRequiredService<AlarmStore>().ForInstanceAsync(instanceId);

    /// <summary>Waits until the instance's alarm row has the key starting with <paramref name="prefix"/> (or none, for null).</summary>
    public async Task WaitForAlarmAsync(string instanceId, string? prefix)
    {
        await Eventually.GetAsync(
            () => AlarmAsync(instanceId),
            alarm => prefix is null ? alarm is null : alarm?.Key.StartsWith(prefix, StringComparison.Ordinal) == true,
            TimeSpan.FromSeconds(60),
            alarm => $"{instanceId} never set the alarm {prefix ?? "(none)"}; last: {alarm?.Key}",
            TimeSpan.FromMilliseconds(25));
    }

    /// <summary>Waits for the outcome of a decision raised earlier.</summary>
    public async Task<RequestOutcome> OutcomeAsync(string id, string requestId) =>
        await _host.Services.GetRequiredService<DecisionSender>().WaitAsync(id, requestId, TimeSpan.FromSeconds(60))
            ?? throw new Xunit.Sdk.XunitException($"no outcome for {requestId} on {id}");

    public async Task<ProposalSnapshot> WaitForAsync(string id, Func<ProposalSnapshot, bool> condition, int seconds = 60)
    {
        var s = await Eventually.GetAsync(() => Store.GetAsync(id), s => s is not null && condition(s), TimeSpan.FromSeconds(seconds), s => $"{id} never reached the expected state; last: {s?.Stage} #{s?.Sequence}", TimeSpan.FromMilliseconds(25));
        return s!;
    }

    public async Task<RequestOutcome> Expect(string id, Func<string, ProposalAction> make, bool accepted = true)
    {
        var outcome = await SendAsync(id, make);
        Assert.True(outcome.Accepted == accepted, $"expected {(accepted ? "acceptance" : "refusal")}, got: {outcome.Reason}");
        return outcome;
    }

    /// <summary>Submits, files, assigns (with a co-handler) and signs for: the item is being drafted.</summary>
    public async Task<string> DriveToDraftingAsync(string id, bool withCoHandler = true, IReadOnlyList<Person>? coSigners = null)
    {
        await SubmitAsync(id, coSigners);
        foreach (var c in coSigners ?? [])
        {
            await Expect(id, r => new CoSignAnswered(r, new Actor(c.PersonId, c.Name, Role.Proposer), true));
        }

        await Expect(id, r => new FilingDecided(r, Clerk, FilingDecision.File));
        await Expect(id, r => new Assigned(r, Clerk, Lead, withCoHandler ? [CoHandler] : []));
        await Expect(id, r => new SignedFor(r, Handler));
        return id;
    }

    /// <summary>From drafting: contact, a draft, submission.</summary>
    public async Task<int> DriveToApprovalAsync(string id, string text = "您提出的《关于加强科技创新促进产业发展的建议》收悉。现答复如下：\n一、工作开展情况\n二、下一步打算\n感谢您对科技工作的关心和支持！")
    {
        await Expect(id, r => new ContactRecorded(r, Handler, new DateOnly(2026, 3, 10), "座谈", "当面听取意见"));
        var version = await Drafts.SaveAsync(id, Handler.Name, text);
        await Expect(id, r => new SubmittedForApproval(r, Handler, version, ResultClass.B, Disclosure.Full, "张承办", "0375-2345678"));
        return version;
    }

    public static async Task<List<TableEntity>> RowsAsync(TableClient table, string partition) => [.. await PartitionRows.ReadAsync(table, partition)];

    /// <summary>An item's row in the open queue (the deadline board's partition).</summary>
    public static async Task<TableEntity> OpenRowAsync(LifecycleHarness h, string id) =>
        (await h.Storage.ItemsByQueue.GetEntityAsync<TableEntity>(Replies.Workflows.ReadModel.ListWriter.OpenPartition, id)).Value;

    public async Task<List<string>> NotificationsAsync(string recipient) =>
        [.. (await Replies.Workflows.Notices.NoticeOutbox.ListAsync(Storage, recipient)).Select(n => n.Message)];

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();
}
