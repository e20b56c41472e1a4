using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Replies.Functions.Seeding;
using Replies.Local.Hosting;
using Replies.Testing;
using Replies.Workflows;
using Replies.Workflows.Directory;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Bench;

/// <summary>
/// The HTTP API as clients see it: the local host serving the Functions app's functions on Kestrel (durable worker
/// included) over its own Azurite, clients over loopback TCP. Measures the clerk's filtered list (a page of 50 out of
/// 10,000 proposals written to the status table beforehand, 50 clients), proposal submission in an open loop at rising
/// rates (each starting a real lifecycle), and a closed loop of 50 submitters for comparison.
/// </summary>
internal static class ApiBenchmark
{
    private static readonly string[] Stages = ["FilingReview", "AwaitingAssignment", "AwaitingSignOff", "Drafting", "AwaitingApproval", "AwaitingFeedback", "Closed"];

    public static async Task<Dictionary<string, object>> RunAsync(string connectionString, int proposals, int clients, int submissions, int listRequests, bool worker = true)
    {
        var app = LocalHost.Create(
        [
            .. LocalHostArgs.For(connectionString, "Bench", listen: true, $"--Replies:Worker:Enabled={worker}"),
        ]);
        await LocalHost.StartAsync(app);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var directory = app.Services.GetRequiredService<DirectoryStore>();
        var sample = JsonSerializer.Deserialize<SampleData>(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "seeds", "sample.json")), Json)!;
        await directory.ImportAsync(sample.Directory);
        var deputies = Enumerable.Range(0, clients).Select(i => new DirectoryPerson($"bench-deputy-{i:D3}", $"代表{i:D3}", Role.Proposer, Kind: ProposalKind.Suggestion)).ToList();
        foreach (var d in deputies)
        {
            await directory.SaveAsync(d);
        }

        var fill = Stopwatch.StartNew();
        await FillAsync(app.Services.GetRequiredService<ReplyStorage>(), proposals, sample.Directory.Departments.Select(d => d.DepartmentId).ToList());
        var fillSeconds = fill.Elapsed.TotalSeconds;

        // Development tokens: the same bearer validation path as Entra ID tokens, signed by the host.
        var tokens = app.Services.GetRequiredService<Functions.Identity.DevTokens>();
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        HttpClient ClientFor(DirectoryPerson p)
        {
            var c = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri(address) };
            c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Issue(p.PersonId, p.Name).Token);
            return c;
        }

        var clerk = ClientFor(directory.Person("zhou-min")!);
        var filters = new[]
        {
            "?session=" + Uri.EscapeDataString("市人大十二届三次会议") + "&stage=Drafting&pageSize=50",
            "?department=" + Uri.EscapeDataString("市科学技术局") + "&pageSize=50&page=2",
            "?dueWithin=30&sort=due&pageSize=50",
            "?overdue=true&pageSize=50",
            "?resultClass=B&key=false&pageSize=50&sort=updated",
        };
        var list = await MeasureAsync(clients, listRequests, async (i, _) =>
        {
            using var response = await clerk.GetAsync("/api/proposals" + filters[i % filters.Length]);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
        });

        var deputyClients = deputies.Select(ClientFor).ToArray();
        // Open loop (latency counted from each request's due time, so a stall shows in the figure instead of slowing
        // the clients down), rate after rate while the worker runs every lifecycle started: the sustainable rate is the
        // highest at which p99 stays under 100 ms.
        var ladder = new List<Dictionary<string, object>>();
        var sustainable = 0;
        var held = true;
        (double P50, double P99) at20 = default;
        Func<int, int, Task> Submit(string series) => async (i, worker) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/proposals")
            {
                Content = JsonContent.Create(new { title = $"关于完善科技金融服务体系的建议（{series}-{i}）", body = "建议完善科技金融服务体系，设立科技创新风险补偿资金池，支持科技型中小企业融资。", category = "科技创新" }),
            };
            request.Headers.Add("Idempotency-Key", $"paced-{series}-{i}");
            using var response = await deputyClients[worker].SendAsync(request);
            response.EnsureSuccessStatusCode();
        };

        // Warm-up at a low rate: the first submissions compile the submission path and open the engine's connections.
        await MeasurePacedAsync(clients, 5, TimeSpan.FromSeconds(10), Submit("warm"));
        foreach (var rate in new[] { 5, 10, 15, 20, 25, 30, 40 })
        {
            var step = await MeasurePacedAsync(clients, rate, TimeSpan.FromSeconds(20), Submit(rate.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            ladder.Add(new Dictionary<string, object> { ["rate"] = rate, ["p50_ms"] = step.P50, ["p99_ms"] = step.P99 });
            Console.Error.WriteLine($"open loop {rate}/s: p50 {step.P50} ms, p99 {step.P99} ms");
            if (rate == 20)
            {
                at20 = step;
            }

            held &= step.P99 < 100;
            if (held)
            {
                sustainable = rate;
            }

            if (step.P99 > 2000)
            {
                // Overloaded: higher rates only queue more.
                break;
            }
        }

        var submit = await MeasureAsync(clients, submissions, async (i, worker) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/proposals")
            {
                Content = JsonContent.Create(new { title = $"关于加强科技创新促进产业发展的建议（{i}）", body = "建议加强科技创新平台建设，推动产业链与创新链深度融合，完善科技金融支持政策。", category = "科技创新" }),
            };
            request.Headers.Add("Idempotency-Key", $"bench-{i}");
            using var response = await deputyClients[worker].SendAsync(request);
            response.EnsureSuccessStatusCode();
        });

        await app.StopAsync();
        await app.DisposeAsync();
        return new Dictionary<string, object>
        {
            ["proposals_in_list"] = proposals,
            ["clients"] = clients,
            ["fill_s"] = Math.Round(fillSeconds, 1),
            ["list_requests"] = listRequests,
            ["list_rps"] = list.Rps,
            ["list_p50_ms"] = list.P50,
            ["list_p99_ms"] = list.P99,
            ["submissions"] = submissions,
            ["submit_rps"] = submit.Rps,
            ["submit_p50_ms"] = submit.P50,
            ["submit_p99_ms"] = submit.P99,
            ["submit_open_loop"] = ladder,
            ["submit_sustainable_rate"] = sustainable,
            ["submit_at_20_p50_ms"] = at20.P50,
            ["submit_at_20_p99_ms"] = at20.P99,
        };
    }

    internal static readonly JsonSerializerOptions Json = new(Replies.Workflows.WorkflowJson.Options) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    internal static async Task<(double Rps, double P50, double P99)> MeasureAsync(int clients, int total, Func<int, int, Task> call)
    {
        // Warm-up: connections, JIT, caches.
        await Task.WhenAll(Enumerable.Range(0, clients).Select(w => call(total + w, w)));
        var latencies = new ConcurrentBag<double>();
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async worker =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < total)
            {
                var start = Stopwatch.GetTimestamp();
                await call(i, worker);
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }));
        var elapsed = watch.Elapsed.TotalSeconds;
        var sorted = latencies.Order().ToArray();
        return (Math.Round(total / elapsed, 1), Math.Round(sorted[sorted.Length / 2], 1), Math.Round(sorted[(int)(sorted.Length * 0.99)], 1));
    }

    private static async Task<(double P50, double P99)> MeasurePacedAsync(int clients, int rate, TimeSpan duration, Func<int, int, Task> call)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var latencies = new ConcurrentBag<double>();
        var next = -1;
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async worker =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < total)
            {
                var due = TimeSpan.FromSeconds(i / (double)rate);
                var wait = due - Stopwatch.GetElapsedTime(start);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                await call(i, worker);
                latencies.Add((Stopwatch.GetElapsedTime(start) - due).TotalMilliseconds);
            }
        }));
        var sorted = latencies.Order().ToArray();
        return (Math.Round(sorted[sorted.Length / 2], 1), Math.Round(sorted[(int)(sorted.Length * 0.99)], 1));
    }

    /// <summary>Writes the status rows of <paramref name="count"/> proposals spread over stages, departments and due dates.</summary>
    private static async Task FillAsync(ReplyStorage storage, int count, IReadOnlyList<string> departments)
    {
        await storage.EnsureCreatedAsync();
        var today = Replies.Workflows.Rules.ChinaTime.Today(TimeProvider.System);
        var items = new List<ProposalSnapshot>();
        for (var i = 0; i < count; i++)
        {
            var stage = Enum.Parse<ProposalStage>(Stages[i % Stages.Length]);
            var assigned = stage is not (ProposalStage.FilingReview or ProposalStage.AwaitingAssignment);
            var s = new ProposalSnapshot
            {
                ProposalId = $"fill-{i:D5}",
                Kind = i % 3 == 0 ? ProposalKind.Proposal : ProposalKind.Suggestion,
                Session = i % 3 == 0 ? "市政协十三届三次会议" : "市人大十二届三次会议",
                Title = $"关于第{i}项民生事项的建议",
                Category = "其他",
                Proposer = new Person($"p{i % 500}", $"代表{i % 500}"),
                Stage = stage,
                Sequence = 3,
                SubmittedAt = DateTime.UtcNow.AddDays(-(i % 90)),
                UpdatedAt = DateTime.UtcNow,
                FilingNumber = stage == ProposalStage.FilingReview ? null : i + 1,
                LeadDepartment = assigned ? departments[i % departments.Count] : null,
                ReplyDue = assigned ? today.AddDays((i % 120) - 20) : null,
                Overdue = assigned && (i % 120) < 20,
                ResultClass = stage is ProposalStage.AwaitingFeedback or ProposalStage.Closed ? (ResultClass)(i % 3) : null,
            };
            items.Add(s);
        }

        await Replies.Workflows.ReadModel.BulkLoad.WriteAsync(storage, items);
    }
}
