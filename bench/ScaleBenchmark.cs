using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Replies.Functions.Search;
using Replies.Functions.Seeding;
using Replies.Local.Hosting;
using Replies.Testing;
using Replies.Workflows;
using Replies.Workflows.Directory;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Bench;

/// <summary>
/// Ten years of a large city: <c>proposals</c> items (sentences from the seed documents, spread over twenty sessions of
/// the people's congress and the CPPCC, every department of the sample directory, every stage and reply class) written
/// to storage, then a fresh local host started on them: how long until it serves the clerk's list, its memory, the
/// latency of the lists people open (clerk's filtered list, a department's inbox, the deadline board, metrics, search),
/// the full search index rebuild, and the .xlsx ledger of one session.
/// </summary>
internal static class ScaleBenchmark
{
    private static readonly string[] Terms = ["十一", "十二"];
    private static readonly string[] Sittings = ["一", "二", "三", "四", "五"];
    private static readonly ProposalStage[] Current = [ProposalStage.FilingReview, ProposalStage.AwaitingAssignment, ProposalStage.AwaitingSignOff, ProposalStage.Drafting, ProposalStage.AwaitingApproval, ProposalStage.AwaitingFeedback, ProposalStage.Closed];

    public static async Task<Dictionary<string, object>> RunAsync(string connectionString, int count)
    {
        var sample = JsonSerializer.Deserialize<SampleData>(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "seeds", "sample.json")), ApiBenchmark.Json)!;
        var departments = sample.Directory.Departments.Select(d => d.DepartmentId).ToList();
        // The fill keeps 64 writes in flight; Azurite may hold one of them past the SDK's 100 s default.
        var storage = new ReplyStorage(connectionString, "Scale", o => o.Retry.NetworkTimeout = TimeSpan.FromMinutes(5));
        await storage.EnsureCreatedAsync();
        await new DirectoryStore(storage).ImportAsync(sample.Directory);
        var fill = Stopwatch.StartNew();
        var (sessions, replies) = await FillAsync(storage, count, departments);
        var fillSeconds = fill.Elapsed.TotalSeconds;
        Console.Error.WriteLine($"Wrote {count:N0} proposals ({replies:N0} with replies) in {fillSeconds:0} s.");

        // The shared search index is built once from storage (what an operator's rebuild does), by an instance that
        // then stops; the instance measured below starts cold on what is stored.
        var rebuild = Stopwatch.StartNew();
        await using (var builder = await StartAsync(connectionString))
        {
            await builder.App.Services.GetRequiredService<SearchIndexService>().DrainAsync();
        }

        var rebuildSeconds = rebuild.Elapsed.TotalSeconds;
        Console.Error.WriteLine($"Shared search index built from storage in {rebuildSeconds:0} s.");

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var start = Stopwatch.StartNew();
        await using var host = await StartAsync(connectionString);
        var app = host.App;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var tokens = app.Services.GetRequiredService<Functions.Identity.DevTokens>();
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 64 };
        HttpClient ClientFor(string personId, string name)
        {
            var c = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(5) };
            c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Issue(personId, name).Token);
            return c;
        }

        var clerk = ClientFor("zhou-min", "周敏");
        var handlerClient = ClientFor("xu-xiaojun", "徐晓军");
        (await clerk.GetAsync($"/api/proposals?session={Uri.EscapeDataString(sessions[^1])}&pageSize=50")).EnsureSuccessStatusCode();
        var startSeconds = start.Elapsed.TotalSeconds;
        var first = JsonDocument.Parse(await clerk.GetStringAsync("/api/search?q=" + Uri.EscapeDataString("科技创新")));
        if (first.RootElement.GetArrayLength() == 0)
        {
            throw new InvalidOperationException("The cold instance's first search found nothing.");
        }

        var indexSeconds = start.Elapsed.TotalSeconds;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        var workingSet = Process.GetCurrentProcess().WorkingSet64;
        Console.Error.WriteLine($"Host serving after {startSeconds:0.0} s, search ready after {indexSeconds:0.0} s.");

        var session = sessions[^1];
        var clerkFilters = new[]
        {
            $"?session={Uri.EscapeDataString(session)}&stage=Drafting&pageSize=50",
            $"?department={Uri.EscapeDataString(departments[0])}&pageSize=50&page=3",
            "?dueWithin=30&sort=due&pageSize=50",
            "?overdue=true&pageSize=50",
            $"?session={Uri.EscapeDataString(sessions[0])}&resultClass=B&pageSize=50&sort=updated",
        };
        string[] queries = ["科技创新", "养老服务", "老旧小区改造", "营商环境", "乡村振兴", "新能源汽车"];
        async Task Get(HttpClient client, string path) => (await client.GetAsync(path)).EnsureSuccessStatusCode();
        var list = await ApiBenchmark.MeasureAsync(50, 1000, (i, _) => Get(clerk, "/api/proposals" + clerkFilters[i % clerkFilters.Length]));
        var inbox = await ApiBenchmark.MeasureAsync(50, 1000, (i, _) => Get(handlerClient, $"/api/departments/{Uri.EscapeDataString("市科学技术局")}/inbox"));
        var board = await ApiBenchmark.MeasureAsync(50, 1000, (i, _) => Get(clerk, "/api/deadlines"));
        var metrics = await ApiBenchmark.MeasureAsync(50, 1000, (i, _) => Get(clerk, $"/api/reports/metrics?session={Uri.EscapeDataString(sessions[i % sessions.Count])}"));
        var search = await ApiBenchmark.MeasureAsync(50, 1000, (i, _) => Get(clerk, "/api/search?q=" + Uri.EscapeDataString(queries[i % queries.Length])));

        var ledger = Stopwatch.StartNew();
        var bytes = await clerk.GetByteArrayAsync($"/api/proposals/ledger.xlsx?session={Uri.EscapeDataString(session)}");
        var ledgerSeconds = ledger.Elapsed.TotalSeconds;

        var cachedRows = app.Services.GetRequiredService<Workflows.ReadModel.ItemLists>().CachedRows;
        return new Dictionary<string, object>
        {
            ["proposals"] = count,
            ["replies"] = replies,
            ["sessions"] = sessions.Count,
            ["fill_s"] = Math.Round(fillSeconds, 1),
            ["start_until_list_served_s"] = Math.Round(startSeconds, 2),
            ["start_until_first_search_s"] = Math.Round(indexSeconds, 2),
            ["cached_list_rows"] = cachedRows,
            ["host_heap_mb"] = Math.Round((heapAfter - heapBefore) / 1048576.0, 1),
            ["process_working_set_mb"] = Math.Round(workingSet / 1048576.0, 1),
            ["clerk_list_p50_ms"] = list.P50,
            ["clerk_list_p99_ms"] = list.P99,
            ["inbox_p50_ms"] = inbox.P50,
            ["inbox_p99_ms"] = inbox.P99,
            ["deadline_board_p50_ms"] = board.P50,
            ["deadline_board_p99_ms"] = board.P99,
            ["metrics_p50_ms"] = metrics.P50,
            ["metrics_p99_ms"] = metrics.P99,
            ["search_p50_ms"] = search.P50,
            ["search_p99_ms"] = search.P99,
            ["full_index_rebuild_s"] = Math.Round(rebuildSeconds, 1),
            ["clients"] = 50,
            ["ledger_one_session_s"] = Math.Round(ledgerSeconds, 2),
            ["ledger_one_session_kb"] = bytes.Length / 1024,
        };
    }

    private sealed class Started(Microsoft.AspNetCore.Builder.WebApplication app, string indexPath) : IAsyncDisposable
    {
        public Microsoft.AspNetCore.Builder.WebApplication App => app;

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
            try
            {
                System.IO.Directory.Delete(indexPath, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<Started> StartAsync(string connectionString)
    {
        var indexPath = Path.Combine(Path.GetTempPath(), "replies-scale-index-" + Guid.NewGuid().ToString("N"));
        var app = LocalHost.Create(
        [
            .. LocalHostArgs.For(connectionString, "Scale", listen: true, $"--Replies:Search:IndexPath={indexPath}"),
        ]);
        await LocalHost.StartAsync(app);
        return new Started(app, indexPath);
    }

    // Status rows, texts and replies of count items over ten years: earlier sessions closed and rated, the current one
    // at every stage.
    private static async Task<(List<string> Sessions, int Replies)> FillAsync(ReplyStorage storage, int count, IReadOnlyList<string> departments)
    {
        var sentences = SearchBenchmark.SeedSentences();
        var sessions = Enumerable.Range(0, 10).SelectMany(year => new[]
        {
            $"市人大{Terms[year / 5]}届{Sittings[year % 5]}次会议",
            $"市政协{Terms[year / 5]}届{Sittings[year % 5]}次会议",
        }).ToList();
        var drafts = new DraftStore(storage, TimeProvider.System);
        var today = Workflows.Rules.ChinaTime.Today(TimeProvider.System);
        var replies = 0;
        var items = new List<ProposalSnapshot>(count);
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 64).Select(async worker =>
        {
            var random = new Random(worker);
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var sessionIndex = i % sessions.Count;
                var year = sessionIndex / 2;
                var congress = sessionIndex % 2 == 0;
                var stage = year < 9 ? ProposalStage.Closed : Current[i % Current.Length];
                var assigned = stage is not (ProposalStage.FilingReview or ProposalStage.AwaitingAssignment);
                var replied = stage is ProposalStage.AwaitingFeedback or ProposalStage.Closed;
                var topic = SearchBenchmark.Topics[random.Next(SearchBenchmark.Topics.Length)];
                var title = $"关于{SearchBenchmark.Verbs[random.Next(SearchBenchmark.Verbs.Length)]}{topic}的{(congress ? "建议" : "提案")}";
                string Paragraphs(int n) => string.Join('\n', Enumerable.Range(0, n).Select(_ => string.Concat(Enumerable.Range(0, 3).Select(_ => sentences[random.Next(sentences.Count)]))));
                var submitted = new DateTime(today.Year - 9 + year, 2, 20, 2, 0, 0, DateTimeKind.Utc).AddDays(i % 20);
                var due = DateOnly.FromDateTime(submitted).AddMonths(3);
                var id = $"{submitted:yyyyMMdd}-S{i:D6}";
                var s = new ProposalSnapshot
                {
                    ProposalId = id,
                    Kind = congress ? ProposalKind.Suggestion : ProposalKind.Proposal,
                    Session = sessions[sessionIndex],
                    Title = title,
                    Category = "其他",
                    Proposer = new Person($"p{i % 900}", $"{(congress ? "代表" : "委员")}{i % 900}"),
                    Stage = stage,
                    Sequence = replied ? 9 : 4,
                    SubmittedAt = submitted,
                    UpdatedAt = submitted.AddDays(60),
                    FilingNumber = stage == ProposalStage.FilingReview ? null : (i / sessions.Count) + 1,
                    LeadDepartment = assigned ? departments[i % departments.Count] : null,
                    CoHandlers = assigned && i % 4 == 0 ? [departments[(i + 1) % departments.Count]] : [],
                    ReplyDue = assigned ? (year < 9 ? due : today.AddDays((i % 120) - 20)) : null,
                    Overdue = assigned && !replied && year == 9 && (i % 120) < 20,
                    ResultClass = replied ? (ResultClass)(i % 3) : null,
                    Rating = stage == ProposalStage.Closed ? (Rating)(i % 3) : null,
                    IsKey = i % 50 == 0,
                    Disclosure = Disclosure.Full,
                    Letters = replied ? [new LetterInfo($"{id}/reply-r0.docx", $"政办函〔{submitted.Year}〕{i % 500 + 1}号", 1, submitted.AddDays(80), "李局长")] : [],
                };
                lock (items)
                {
                    items.Add(s);
                }

                await storage.Proposals.GetBlobClient(id + ".json").UploadAsync(BinaryData.FromObjectAsJson(new ProposalText(title, $"关于{topic}，" + Paragraphs(random.Next(2, 4)), "其他"), WorkflowJson.Options), overwrite: true);
                if (replied && i % 3 == 0)
                {
                    // A third of the replies carry their text (the rest stand for letters issued before the system).
                    await drafts.SaveAsync(id, "承办人", $"您提出的《{title}》收悉。现答复如下：\n一、工作开展情况\n{Paragraphs(2)}\n二、下一步打算\n{Paragraphs(1)}");
                    Interlocked.Increment(ref replies);
                }

                if (i % 10_000 == 0)
                {
                    Console.Error.WriteLine($"  {i:N0} texts written after {clock.Elapsed.TotalSeconds:0} s");
                }
            }
        }));
        Console.Error.WriteLine($"  {count:N0} texts written after {clock.Elapsed.TotalSeconds:0} s");
        var batches = await Workflows.ReadModel.BulkLoad.WriteAsync(storage, items);
        Console.Error.WriteLine($"  status, list and aggregate rows in {batches:N0} batches after {clock.Elapsed.TotalSeconds:0} s");
        return (sessions, replies);
    }
}
