using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Replies.Local.Engine;
using Replies.Testing;

namespace Replies.Bench;

/// <summary>
/// Throughput, latency and storage cost of the engine (the Durable Task Framework's Azure Storage provider driven
/// through Microsoft.DurableTask) on a private Azurite, with the same machine's raw Azurite capacity measured in the
/// same run, repeated chain-5 loads to catch stalls, and event latency from this process and from another one.
/// </summary>
internal static class EngineBenchmark
{
    private const int ChainRuns = 5;

    public static async Task<Dictionary<string, object>> RunAsync(string connectionString)
    {
        var results = new Dictionary<string, object>();
        var rawCapacity = await MeasureAzuriteAsync(connectionString);
        Progress($"azurite {rawCapacity:F0} requests/s");
        results["azurite_requests_per_s"] = Math.Round(rawCapacity, 1);

        var counter = new StorageRequestCounter();
        var hub = "bench" + Guid.NewGuid().ToString("N")[..8];
        await using var host = await DurableTestHost.StartAsync(
            connectionString,
            hub,
            Register,
            o =>
            {
                WorkerSettings(o);
                o.ConfigureStorageClients = counter.AddTo;
            },
            services: EngineLog);
        var client = host.Client;
        await using var observerHost = await DurableTestHost.StartAsync(connectionString, hub, _ => { }, WorkerSettings, runWorker: false);
        var observer = observerHost.Client;

        await RunManyAsync(client, observer, "Chain", 3, 20, TimeSpan.FromMinutes(2));
        results["storage_requests_per_chain5"] = Math.Round(await RequestsPerOrchestrationAsync(client, observer, counter, "Chain", 5, 100), 1);

        counter.TakeBreakdown();
        using var probeStop = new CancellationTokenSource();
        var probe = Environment.GetEnvironmentVariable("REPLIES_BENCH_LOG") == "1" ? ProbeAsync(connectionString, probeStop.Token) : Task.CompletedTask;
        // Five loads of 200 chain-5 orchestrations: a run that takes over 4x the median, or times out, has stalled.
        var rates = new List<double>();
        for (var run = 0; run < ChainRuns; run++)
        {
            rates.Add(await ThroughputAsync(client, observer, "Chain", 5, 200, TimeSpan.FromMinutes(3)));
            Progress($"chain-5 run {run + 1}: {rates[^1]:F1}/s; requests: {counter.TakeBreakdown()}");
        }

        await probeStop.CancelAsync();
        await probe;
        var median = rates.Order().ElementAt(rates.Count / 2);
        results["chain5_orchestrations_per_s"] = Math.Round(median, 1);
        results["chain5_runs_per_s"] = rates.Select(r => Math.Round(r, 1)).ToArray();
        results["stalled_runs"] = rates.Count(r => r < median / 4);
        results["chain5_runs"] = ChainRuns;
        var requests = (double)results["storage_requests_per_chain5"];
        results["chain5_efficiency_vs_storage_bound"] = Math.Round(median / (rawCapacity / requests), 3);
        results["fanout20_orchestrations_per_s"] = Math.Round(await ThroughputAsync(client, observer, "FanOut", 20, 40, TimeSpan.FromMinutes(3)), 2);

        var sequential = Stopwatch.StartNew();
        var id = await client.ScheduleNewOrchestrationInstanceAsync("Chain", 300);
        await observer.WaitForInstanceCompletionAsync(id);
        results["sequential_activities_per_s_one_instance"] = Math.Round(300 / sequential.Elapsed.TotalSeconds, 1);

        var (p50, p99) = await SameProcessLatencyAsync(client, 300);
        results["event_latency_p50_ms"] = Math.Round(p50, 1);
        results["event_latency_p99_ms"] = Math.Round(p99, 1);
        await host.StopAsync();

        var (cp50, cp99) = await CrossProcessLatencyAsync(connectionString, 200);
        results["event_latency_cross_process_p50_ms"] = Math.Round(cp50, 1);
        results["event_latency_cross_process_p99_ms"] = Math.Round(cp99, 1);
        results["max_queue_polling_interval_ms"] = new EngineOptions().BindHostJson(HostJson()).MaxQueuePollingInterval.TotalMilliseconds;
        return results;
    }

    /// <summary>With REPLIES_BENCH_LOG=1 the engine's warnings go to the console, to see what a slow run waits for.</summary>
    private static void EngineLog(IServiceCollection services)
    {
        if (Environment.GetEnvironmentVariable("REPLIES_BENCH_LOG") == "1")
        {
            services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole(o => o.SingleLine = true));
        }
    }

    /// <summary>Times one small table read and one queue peek a second, to see how long Azurite keeps a request waiting.</summary>
    private static async Task ProbeAsync(string connectionString, CancellationToken cancellationToken)
    {
        var table = new TableClient(connectionString, "Probe");
        var queue = new QueueClient(connectionString, "probe");
        await table.CreateIfNotExistsAsync(cancellationToken);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            var watch = Stopwatch.StartNew();
            await table.GetEntityIfExistsAsync<TableEntity>("p", "r", cancellationToken: CancellationToken.None);
            var tableMs = watch.ElapsedMilliseconds;
            watch.Restart();
            await queue.PeekMessageAsync(CancellationToken.None);
            Progress($"probe table {tableMs} ms, queue {watch.ElapsedMilliseconds} ms");
            await Task.Delay(1000, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private static void Progress(string line) => Console.Error.WriteLine($"[engine {DateTime.Now:HH:mm:ss}] {line}");

    /// <summary>host.json's settings with more concurrency, so the engine can keep Azurite busy.</summary>
    internal static void WorkerSettings(EngineOptions o)
    {
        var hub = o.HubName;
        o.BindHostJson(HostJson());
        o.HubName = hub;
        // Leases and the partition table's budget outlast the emulator's pauses (see README, Stalls), so a pause only
        // delays work instead of making the worker drop and re-take its own partitions.
        o.LeaseInterval = TimeSpan.FromMinutes(2);
        o.LeaseRenewInterval = TimeSpan.FromSeconds(20);
        o.LeaseAcquireInterval = TimeSpan.FromSeconds(10);
        o.PartitionTableOperationTimeout = TimeSpan.FromMinutes(2);
        o.MaxConcurrentActivities = 64;
    }

    /// <summary>The worker of the cross-process latency test: runs in a child process and reports each event on stdout.</summary>
    public static async Task<int> RunPingWorkerAsync(string connectionString, string hub)
    {
        await using var host = await DurableTestHost.StartAsync(connectionString, hub, Register, WorkerSettings);
        Console.WriteLine("ready");
        await Task.Run(Console.In.ReadLine);
        return 0;
    }

    private static IConfiguration HostJson() =>
        new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "host.json")).Build();

    // The orchestrator reports an event the first time it sees it (never during replay), so latency is measured to
    // the moment the orchestration itself runs, with nothing polled.
    private static readonly Dictionary<int, TaskCompletionSource> Pongs = [];

    private static void Register(EngineTasks r) => r
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
                var got = await ctx.WaitForExternalEvent<int>("Ping");
                if (!ctx.IsReplaying)
                {
                    Pong(got);
                }
            }

            return n;
        })
        .AddActivityFunc<int, int>("Inc", (_, x) => Task.FromResult(x + 1));

    private static void Pong(int i)
    {
        lock (Pongs)
        {
            if (Pongs.TryGetValue(i, out var done))
            {
                done.TrySetResult();
                return;
            }
        }

        Console.WriteLine("pong " + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task RunManyAsync(DurableTaskClient client, DurableTaskClient observer, string name, int input, int count, TimeSpan limit)
    {
        using var cts = new CancellationTokenSource(limit);
        var run = Guid.NewGuid().ToString("N")[..8];
        var ids = Enumerable.Range(0, count).Select(i => $"{run}-{i:D4}").ToList();
        await Task.WhenAll(ids.Select(id => client.ScheduleNewOrchestrationInstanceAsync(name, input, new StartOrchestrationOptions(id), cts.Token)));
        await WaitForAllAsync(observer, run, count, cts.Token);
        if (Environment.GetEnvironmentVariable("REPLIES_BENCH_PURGE") == "1")
        {
            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) => await observer.PurgeInstanceAsync(id, cancellation: ct));
        }
    }

    /// <summary>
    /// Waits until every instance of a run has finished, with one query of the instances table per round: a wait per
    /// instance would put hundreds of polls a second on Azurite and measure them instead of the engine.
    /// </summary>
    private static async Task WaitForAllAsync(DurableTaskClient observer, string run, int count, CancellationToken cancellationToken)
    {
        var query = new OrchestrationQuery
        {
            InstanceIdPrefix = run,
            Statuses = [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated],
            PageSize = 1000,
        };
        var started = Stopwatch.GetTimestamp();
        var reported = false;
        while (true)
        {
            var done = 0;
            await foreach (var _ in observer.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
            {
                done++;
            }

            if (done >= count)
            {
                return;
            }

            if (cancellationToken.IsCancellationRequested || Environment.GetEnvironmentVariable("REPLIES_BENCH_LOG") == "1" && Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(60) && !reported)
            {
                reported = true;
                await foreach (var m in observer.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = run, PageSize = 1000 }))
                {
                    if (!m.IsCompleted)
                    {
                        Progress($"unfinished {m.InstanceId} {m.RuntimeStatus} created {m.CreatedAt:HH:mm:ss.fff} updated {m.LastUpdatedAt:HH:mm:ss.fff}");
                    }
                }
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private static async Task<double> RequestsPerOrchestrationAsync(DurableTaskClient client, DurableTaskClient observer, StorageRequestCounter counter, string name, int input, int count)
    {
        // Start through the counted client; watch through an uncounted one, so only what the engine needs is counted.
        var before = counter.Total;
        await RunManyAsync(client, observer, name, input, count, TimeSpan.FromMinutes(3));
        return (counter.Total - before) / (double)count;
    }

    private static async Task<double> ThroughputAsync(DurableTaskClient client, DurableTaskClient observer, string name, int input, int count, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            await RunManyAsync(client, observer, name, input, count, limit);
        }
        catch (OperationCanceledException)
        {
            return 0;
        }

        return count / watch.Elapsed.TotalSeconds;
    }

    private static async Task<(double P50, double P99)> SameProcessLatencyAsync(DurableTaskClient client, int events)
    {
        var id = await client.ScheduleNewOrchestrationInstanceAsync("Pinger", events);
        await client.WaitForInstanceStartAsync(id);
        var samples = new List<double>(events);
        for (var i = 1; i <= events; i++)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (Pongs)
            {
                Pongs[i] = done;
            }

            var watch = Stopwatch.StartNew();
            await client.RaiseEventAsync(id, "Ping", i);
            await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
            samples.Add(watch.Elapsed.TotalMilliseconds);
        }

        lock (Pongs)
        {
            Pongs.Clear();
        }

        return Percentiles(samples);
    }

    /// <summary>The worker in a child process; this process raises through its own client, whose sends wake nothing there.</summary>
    private static async Task<(double P50, double P99)> CrossProcessLatencyAsync(string connectionString, int events)
    {
        var hub = "cross" + Guid.NewGuid().ToString("N")[..8];
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(EngineBenchmark).Assembly.Location);
        }

        foreach (var arg in new[] { "engine-ping-worker", connectionString, hub })
        {
            start.ArgumentList.Add(arg);
        }

        using var worker = Process.Start(start)!;
        try
        {
            while (await worker.StandardOutput.ReadLineAsync() is { } line && line != "ready")
            {
            }

            await using var clientHost = await DurableTestHost.StartAsync(connectionString, hub, _ => { }, WorkerSettings, runWorker: false);
            var client = clientHost.Client;
            var id = await client.ScheduleNewOrchestrationInstanceAsync("Pinger", events);
            await client.WaitForInstanceStartAsync(id);
            var samples = new List<double>(events);
            for (var i = 1; i <= events; i++)
            {
                // Idle a little between events, as people do, so the worker's poller backs off as it would.
                await Task.Delay(Random.Shared.Next(0, 400));
                var watch = Stopwatch.StartNew();
                await client.RaiseEventAsync(id, "Ping", i);
                var expected = "pong " + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                while (await worker.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)) is { } line && line != expected)
                {
                }

                samples.Add(watch.Elapsed.TotalMilliseconds);
            }

            return Percentiles(samples);
        }
        finally
        {
            await worker.StandardInput.WriteLineAsync("stop");
            if (!worker.WaitForExit(30_000))
            {
                worker.Kill(entireProcessTree: true);
            }
        }
    }

    private static (double P50, double P99) Percentiles(List<double> samples)
    {
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
        await queue.DeleteAsync();
        return (counter.Total - start) / watch.Elapsed.TotalSeconds;
    }
}
