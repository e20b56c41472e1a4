using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Replies.Durable;
using Replies.Durable.Worker;

namespace Replies.Bench.Retired;

/// <summary>
/// Throughput, latency and storage cost of the durable runtime on a private Azurite, with the same machine's raw
/// Azurite capacity measured in the same run so the engine's efficiency reads as a ratio.
/// </summary>
internal static class RetiredEngineBenchmark
{
    public static async Task<Dictionary<string, object>> RunAsync(string connectionString)
    {
        var results = new Dictionary<string, object>();
        var rawCapacity = await MeasureAzuriteAsync(connectionString);
        results["azurite_requests_per_s"] = Math.Round(rawCapacity, 1);

        var counter = new StorageRequestCounter();
        var hub = "bench" + Guid.NewGuid().ToString("N")[..8];
        await using var host = await RetiredEngineHost.StartAsync(
            connectionString,
            hub,
            Register,
            WorkerSettings,
            clientOptions: counter.AddTo);
        var client = host.Client;
        await using var observerHost = await RetiredEngineHost.StartAsync(connectionString, hub, _ => { }, runWorker: false);
        var observer = observerHost.Client;

        await RunManyAsync(client, "Chain", 3, 20);
        results["storage_requests_per_chain3"] = Math.Round(await RequestsPerOrchestrationAsync(client, observer, counter, "Chain", 3, 100), 1);
        results["storage_requests_per_chain5"] = Math.Round(await RequestsPerOrchestrationAsync(client, observer, counter, "Chain", 5, 100), 1);

        var chain5 = await ThroughputAsync(client, "Chain", 5, 300);
        results["chain5_orchestrations_per_s"] = Math.Round(chain5, 1);
        var bound = rawCapacity / (double)results["storage_requests_per_chain5"];
        results["chain5_storage_bound_per_s"] = Math.Round(bound, 1);
        results["chain5_efficiency_vs_storage_bound"] = Math.Round(chain5 / bound, 3);
        results["fanout20_orchestrations_per_s"] = Math.Round(await ThroughputAsync(client, "FanOut", 20, 40), 2);

        var sequential = Stopwatch.StartNew();
        var id = await client.ScheduleNewOrchestrationInstanceAsync("Chain", 300);
        await client.WaitForInstanceCompletionAsync(id);
        results["sequential_activities_per_s_one_instance"] = Math.Round(300 / sequential.Elapsed.TotalSeconds, 1);

        var (p50, p99) = await EventLatencyAsync(host, 300);
        results["event_latency_p50_ms"] = Math.Round(p50, 1);
        results["event_latency_p99_ms"] = Math.Round(p99, 1);
        return results;
    }

    /// <summary>
    /// Production polling, lease and timer settings with more concurrency than the defaults, so the engine can keep
    /// Azurite busy (the test host's fast settings would measure the tests' clock, not the engine).
    /// </summary>
    internal static void WorkerSettings(Replies.Durable.AzureStorage.DurableTaskOptions o)
    {
        o.MinPollingInterval = TimeSpan.FromMilliseconds(10);
        o.MaxPollingInterval = TimeSpan.FromSeconds(1);
        o.MaxConcurrentOrchestrations = 128;
        o.MaxConcurrentActivities = 64;
        o.LeaseRenewInterval = TimeSpan.FromSeconds(10);
        o.LeaseDuration = TimeSpan.FromSeconds(30);
        o.MaxTimerMessageDelay = TimeSpan.FromDays(6);
    }

    private static void Register(DurableTaskRegistry r) => r
        .AddOrchestratorFunc<int, int>("Chain", async (ctx, n) =>
        {
            var x = 0;
            for (var i = 0; i < n; i++)
            {
                x = await ctx.CallActivityAsync<int>("Inc", x);
            }

            return x;
        })
        .AddOrchestratorFunc<int, int>("FanOut", async (ctx, n) => (await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<int>("Inc", i)))).Sum())
        .AddOrchestratorFunc<int, int>("Pinger", async (ctx, n) =>
        {
            for (var i = 1; i <= n; i++)
            {
                await ctx.WaitForExternalEvent<int>("Ping");
                ctx.SetCustomStatus(i);
            }

            return n;
        })
        .AddActivityFunc<int, int>("Inc", (_, x) => Task.FromResult(x + 1));

    private static async Task RunManyAsync(DurableTaskClient client, string name, int input, int count)
    {
        var ids = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => client.ScheduleNewOrchestrationInstanceAsync(name, input)));
        await Task.WhenAll(ids.Select(id => client.WaitForInstanceCompletionAsync(id)));
    }

    private static async Task<double> RequestsPerOrchestrationAsync(DurableTaskClient client, DurableTaskClient observer, StorageRequestCounter counter, string name, int input, int count)
    {
        // Start through the counted client; watch through an uncounted one, so only what the engine needs is counted.
        var before = counter.Total;
        var ids = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => client.ScheduleNewOrchestrationInstanceAsync(name, input)));
        await Task.WhenAll(ids.Select(id => observer.WaitForInstanceCompletionAsync(id)));
        return (counter.Total - before) / (double)count;
    }

    private static async Task<double> ThroughputAsync(DurableTaskClient client, string name, int input, int count)
    {
        var watch = Stopwatch.StartNew();
        await RunManyAsync(client, name, input, count);
        return count / watch.Elapsed.TotalSeconds;
    }

    private static async Task<(double P50, double P99)> EventLatencyAsync(RetiredEngineHost host, int events)
    {
        var client = host.Client;
        var signals = host.Services.GetRequiredService<LocalSignals>();
        var id = await client.ScheduleNewOrchestrationInstanceAsync("Pinger", events);
        await client.WaitForInstanceStartAsync(id);
        var samples = new List<double>(events);
        for (var i = 1; i <= events; i++)
        {
            var watch = Stopwatch.StartNew();
            var changed = signals.WaitForInstanceChangeAsync(id, TimeSpan.FromSeconds(5), CancellationToken.None);
            await client.RaiseEventAsync(id, "Ping", i);
            while (true)
            {
                await changed;
                changed = signals.WaitForInstanceChangeAsync(id, TimeSpan.FromMilliseconds(50), CancellationToken.None);
                if ((await client.GetInstanceAsync(id, true))!.ReadCustomStatusAs<int>() >= i)
                {
                    break;
                }
            }

            samples.Add(watch.Elapsed.TotalMilliseconds);
        }

        samples.Sort();
        return (samples[samples.Count / 2], samples[(int)Math.Ceiling(samples.Count * 0.99) - 1]);
    }

    /// <summary>Raw capacity: 32 concurrent loops of queue sends, receive+delete and table writes for a few seconds.</summary>
    private static async Task<double> MeasureAzuriteAsync(string connectionString)
    {
        var counter = new StorageRequestCounter();
        var queueOptions = new QueueClientOptions();
        counter.AddTo(queueOptions);
        var tableOptions = new TableClientOptions();
        counter.AddTo(tableOptions);
        var queue = new QueueClient(connectionString, "rawcapacity", queueOptions);
        var table = new TableClient(connectionString, "RawCapacity", tableOptions);
        await queue.CreateIfNotExistsAsync();
        await table.CreateIfNotExistsAsync();
        var duration = TimeSpan.FromSeconds(4);
        var start = counter.Total;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 32).Select(async worker =>
        {
            var n = 0;
            while (watch.Elapsed < duration)
            {
                switch (n++ % 3)
                {
                    case 0:
                        await queue.SendMessageAsync("payload of a typical size for a control message " + n);
                        break;
                    case 1:
                        var received = await queue.ReceiveMessageAsync();
                        if (received.Value is { } m)
                        {
                            await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt);
                        }

                        break;
                    default:
                        await table.UpsertEntityAsync(new TableEntity("p" + worker, n.ToString(System.Globalization.CultureInfo.InvariantCulture)) { ["Value"] = n });
                        break;
                }
            }
        }));
        return (counter.Total - start) / watch.Elapsed.TotalSeconds;
    }
}
