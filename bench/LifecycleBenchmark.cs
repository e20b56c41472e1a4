using System.Diagnostics;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Replies.Local.Engine;
using Replies.Testing;
using Replies.Workflows;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Rules;
using Replies.Workflows.Storage;

namespace Replies.Bench;

/// <summary>
/// Drives complete proposal lifecycles (submit, file, assign, sign for, contact, draft, submit, approve with the
/// letter rendered, feedback) through the runtime on Azurite, many at once, as people would through the API.
/// </summary>
internal static class LifecycleBenchmark
{
    private static readonly Actor Clerk = new("c1", "督查室", Role.Clerk);
    private static readonly Actor Handler = new("h1", "张承办", Role.Handler, "市科技局");
    private static readonly Actor Leader = new("l1", "李局长", Role.Leader, "市科技局");

    public static async Task<Dictionary<string, object>> RunAsync(string connectionString, int count, int parallel)
    {
        var counter = new StorageRequestCounter();
        var hub = "life" + Guid.NewGuid().ToString("N")[..8];
        var storage = new ReplyStorage(connectionString, hub, counter.AddTo);
        var observer = new ProposalStore(new ReplyStorage(connectionString, hub));
        var outcomes = new DecisionLedger(new ReplyStorage(connectionString, hub));
        await storage.EnsureCreatedAsync();
        await using var host = await DurableTestHost.StartAsync(
            connectionString,
            hub,
            r => r.AddReplyWorkflows(),
            o =>
            {
                EngineBenchmark.WorkerSettings(o);
                o.ConfigureStorageClients = counter.AddTo;
            },
            services: s =>
            {
                s.AddReplyWorkflowStores(storage);
                if (Environment.GetEnvironmentVariable("REPLIES_BENCH_PURGE_AFTER") is { Length: > 0 } after)
                {
                    // The task hub's history of closed items purged this long after they were created (the app's default is 7 days).
                    s.AddSingleton(Microsoft.Extensions.Options.Options.Create(new TaskHubRetentionOptions { PurgeCompletedAfter = TimeSpan.Parse(after, System.Globalization.CultureInfo.InvariantCulture) }));
                    s.AddHostedService<PurgeEvery10Seconds>();
                }
            });
        var drafts = new DraftStore(storage, TimeProvider.System);
        var client = host.Client;
        var signals = host.Services.GetRequiredService<OutcomeSignals>();
        async Task SendAsync(string id, ProposalAction action)
        {
            // Wait for the in-process signal, then read the outcome once (uncounted), as the HTTP functions will.
            var stored = signals.WaitAsync(id, action.RequestId, TimeSpan.FromSeconds(5));
            await client.SendDecisionAsync(id, action, TimeProvider.System);
            await stored;
            var deadline = DateTime.UtcNow.AddMinutes(2);
            RequestOutcome? outcome;
            while ((outcome = await outcomes.GetOutcomeAsync(id, action.RequestId)) is null)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"{id}: no outcome for {action.EventName}");
                }

                await signals.WaitAsync(id, action.RequestId, TimeSpan.FromSeconds(1));
            }

            if (!outcome.Accepted)
            {
                throw new InvalidOperationException($"{id}: {action.EventName} refused: {outcome.Reason}");
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Min(10, count)).Select(i => DriveAsync(client, drafts, observer, SendAsync, $"warm-{i}")));
        var before = counter.Total;
        var watch = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await DriveAsync(client, drafts, observer, SendAsync, $"p-{i:D5}");
            }
        }));
        var elapsed = watch.Elapsed;
        return new Dictionary<string, object>
        {
            ["lifecycles"] = count,
            ["parallel_drivers"] = parallel,
            ["lifecycles_per_min"] = Math.Round(count / elapsed.TotalMinutes, 1),
            ["storage_requests_per_lifecycle"] = Math.Round((counter.Total - before) / (double)count, 1),
            ["elapsed_s"] = Math.Round(elapsed.TotalSeconds, 1),
        };
    }

    private static async Task DriveAsync(DurableTaskClient client, DraftStore drafts, ProposalStore observer, Func<string, ProposalAction, Task> send, string id)
    {
        var deputy = new Person("d-" + id, "叶元朋");
        var submission = new ProposalSubmission(id, ProposalKind.Suggestion, "市人大十二届三次会议", "关于加强科技创新促进产业发展的建议", "正文", "科技", deputy, []);
        await client.StartLifecycleAsync(new ProposalLifecycleInput(submission, new RulesProfile()), TimeProvider.System);
        // As through the API, the clerk acts on an item once it is registered (an event to an instance the engine has
        // not started yet is dropped by the framework).
        while (await observer.GetAsync(id) is null)
        {
            await Task.Delay(50);
        }

        await send(id, new FilingDecided(id + "-file", Clerk, FilingDecision.File));
        await send(id, new Assigned(id + "-assign", Clerk, "市科技局", []));
        await send(id, new SignedFor(id + "-sign", Handler));
        await send(id, new ContactRecorded(id + "-contact", Handler, new DateOnly(2026, 3, 10), "座谈", "听取意见"));
        var version = await drafts.SaveAsync(id, Handler.Name, "您提出的建议收悉。\n一、工作开展情况\n二、下一步打算");
        await send(id, new SubmittedForApproval(id + "-submit", Handler, version, ResultClass.B, Disclosure.Full));
        await send(id, new ApprovalDecided(id + "-approve", Leader, true));
        await send(id, new FeedbackGiven(id + "-feedback", new Actor(deputy.PersonId, deputy.Name, Role.Proposer), Rating.Satisfied));
    }
}

/// <summary>The app's purge timer function, every 10 seconds, for the benchmark's host (which runs no timer functions).</summary>
internal sealed class PurgeEvery10Seconds(CompletedHistoryPurge purge, Microsoft.DurableTask.Client.DurableTaskClient client) : Microsoft.Extensions.Hosting.BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await purge.PurgeAsync(client, stoppingToken);
        }
    }
}
