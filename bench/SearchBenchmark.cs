using System.Diagnostics;
using Lucene.Net.Store;
using Replies.Workflows;
using Replies.Workflows.Intake;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Search;
using Replies.Workflows.Storage;

namespace Replies.Bench;

/// <summary>
/// The search index over a generated corpus of proposals (sentences drawn from the seed documents, so the text is
/// real official Chinese) plus the seeds: index build, query latency for title, keyword and drafting-help queries,
/// index size, and a full rebuild from storage on Azurite.
/// </summary>
internal static class SearchBenchmark
{
    internal static readonly string[] Topics =
    [
        "科技创新", "产业链", "中试基地", "创新平台", "人才引进", "职业教育", "养老服务", "医疗卫生", "公共交通", "生态环境",
        "农村电商", "营商环境", "数字经济", "新能源汽车", "老旧小区改造", "义务教育", "食品安全", "文化旅游", "乡村振兴", "科技金融",
    ];

    internal static readonly string[] Verbs = ["加强", "推进", "完善", "优化", "加快", "支持", "提升", "规范"];

    public static async Task<Dictionary<string, object>> RunAsync(string connectionString, int count)
    {
        var set = SearchSetEvaluation.Run();
        var sentences = SeedSentences();
        var random = new Random(20261125);
        var corpus = Enumerable.Range(0, count).Select(i => Generate(i, random, sentences)).ToList();
        var root = Path.Combine(Path.GetTempPath(), "replies-bench-index-" + Guid.NewGuid().ToString("N"));
        try
        {
            // 1. Build from memory: what indexing itself costs.
            var watch = Stopwatch.StartNew();
            using var index = new SearchIndex(FSDirectory.Open(Path.Combine(root, "memory-build")));
            foreach (var (snapshot, text, reply) in corpus)
            {
                index.Upsert(new SearchDocument(snapshot.ProposalId, SearchKind.Proposal, snapshot.Title, text, snapshot.Session, snapshot.LeadDepartment, snapshot.SubmittedAt, ProposalId: snapshot.ProposalId));
                if (reply is not null)
                {
                    var replyId = SearchIndexer.ReplyId(snapshot.ProposalId);
                    index.Upsert(new SearchDocument(replyId, SearchKind.Reply, snapshot.Title, reply, snapshot.Session, snapshot.LeadDepartment, ProposalId: snapshot.ProposalId));
                    var n = 0;
                    foreach (var paragraph in reply.Split('\n').Where(p => p.Length >= 40))
                    {
                        index.Upsert(new SearchDocument($"{replyId}:p{n++:D3}", SearchKind.Passage, snapshot.Title, paragraph, ParentId: replyId, ParentKind: SearchKind.Reply, ProposalId: snapshot.ProposalId));
                    }
                }
            }

            AddSeeds(index);
            index.Commit();
            var buildSeconds = watch.Elapsed.TotalSeconds;

            // 2. Queries: a title (similar items), two to six characters (a person's search), a whole proposal (drafting help).
            var titles = Measure(500, i => index.Search(corpus[random.Next(count)].Snapshot.Title, [SearchKind.Proposal, SearchKind.Reply], 10));
            var keywords = Measure(500, i => index.Search(Topics[i % Topics.Length], [SearchKind.Proposal, SearchKind.Reply, SearchKind.Library], 20));
            var help = Measure(200, i =>
            {
                var (s, text, _) = corpus[random.Next(count)];
                return index.Search($"{s.Title}\n{s.Title}\n{text}", [SearchKind.Passage], 8);
            });
            var all = titles.Concat(keywords).Concat(help).Order().ToArray();

            // 3. A full rebuild from storage: every proposal's text and reply read back from Azurite.
            var storage = new ReplyStorage(connectionString, "Search" + Guid.NewGuid().ToString("N")[..6]);
            await storage.EnsureCreatedAsync();
            var store = new ProposalStore(storage);
            var drafts = new DraftStore(storage, TimeProvider.System);
            await Parallel.ForEachAsync(corpus, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (item, ct) =>
            {
                var (s, text, reply) = item;
                await storage.Proposals.GetBlobClient(s.ProposalId + ".json").UploadAsync(BinaryData.FromObjectAsJson(new ProposalText(s.Title, text, s.Category), Replies.Workflows.WorkflowJson.Options), true, ct);
                if (reply is not null)
                {
                    await drafts.SaveAsync(s.ProposalId, "承办人", reply, ct);
                }
            });
            using var indexer = new SearchIndexer(
                new SearchIndex(FSDirectory.Open(Path.Combine(root, "internal"))),
                new SearchIndex(FSDirectory.Open(Path.Combine(root, "public"))),
                store,
                drafts,
                new PolicyLibrary(storage, TimeProvider.System));
            watch.Restart();
            await indexer.RebuildAsync(corpus.Select(c => c.Snapshot));
            var rebuildSeconds = watch.Elapsed.TotalSeconds;

            return new Dictionary<string, object>(set)
            {
                ["proposals"] = count,
                ["replies"] = corpus.Count(c => c.Reply is not null),
                ["indexed_documents"] = index.Count,
                ["index_build_s"] = Math.Round(buildSeconds, 1),
                ["index_size_mb"] = Math.Round(index.SizeInBytes / 1048576.0, 1),
                ["query_p50_ms"] = Percentile(all, 0.5),
                ["query_p99_ms"] = Percentile(all, 0.99),
                ["title_query_p99_ms"] = Percentile([.. titles.Order()], 0.99),
                ["keyword_query_p99_ms"] = Percentile([.. keywords.Order()], 0.99),
                ["drafting_help_query_p99_ms"] = Percentile([.. help.Order()], 0.99),
                ["full_rebuild_from_storage_s"] = Math.Round(rebuildSeconds, 1),
                ["rebuilt_documents"] = indexer.Internal.Count + indexer.Public.Count,
            };
        }
        finally
        {
            try
            {
                System.IO.Directory.Delete(root, true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static double[] Measure(int n, Func<int, IReadOnlyList<SearchHit>> query)
    {
        for (var i = 0; i < 20; i++)
        {
            query(i);
        }

        var times = new double[n];
        for (var i = 0; i < n; i++)
        {
            var start = Stopwatch.GetTimestamp();
            query(i);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return times;
    }

    private static double Percentile(double[] sorted, double p) => Math.Round(sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * p))], 2);

    private static (ProposalSnapshot Snapshot, string Text, string? Reply) Generate(int i, Random random, IReadOnlyList<string> sentences)
    {
        var topic = Topics[random.Next(Topics.Length)];
        var title = $"关于{Verbs[random.Next(Verbs.Length)]}{topic}{(random.Next(3) == 0 ? "工作" : "")}的建议（{i}）";
        string Paragraphs(int count) => string.Join('\n', Enumerable.Range(0, count).Select(_ => string.Concat(Enumerable.Range(0, 3).Select(_ => sentences[random.Next(sentences.Count)]))));
        var text = $"关于{topic}，" + Paragraphs(random.Next(2, 5));
        var reply = i % 3 == 0 ? $"您提出的《{title}》收悉。现答复如下：\n一、工作开展情况\n{Paragraphs(3)}\n二、下一步打算\n{Paragraphs(2)}" : null;
        var snapshot = new ProposalSnapshot
        {
            ProposalId = $"gen-{i:D5}",
            Kind = ProposalKind.Suggestion,
            Session = i % 2 == 0 ? "市人大十二届三次会议" : "市人大十二届二次会议",
            Title = title,
            Category = "其他",
            Proposer = new Person($"p{i % 400}", $"代表{i % 400}"),
            Stage = reply is null ? ProposalStage.Drafting : ProposalStage.Closed,
            SubmittedAt = DateTime.UtcNow,
            LeadDepartment = "市科学技术局",
            Disclosure = Disclosure.Full,
            Letters = reply is null ? [] : [new LetterInfo($"gen-{i:D5}/reply-r0.docx", "政办函〔2026〕1号", 1, DateTime.UtcNow, "李局长")],
        };
        return (snapshot, text, reply);
    }

    internal static List<string> SeedSentences()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "seeds");
        return [.. System.IO.Directory.GetFiles(folder, "0*.txt")
            .Select(f => ChineseConverter.TraditionalToSimplified.Convert(TextNormaliser.Normalise(File.ReadAllText(f)).Text))
            .SelectMany(t => t.Split('。', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(s => s.Length is >= 15 and <= 200)
            .Select(s => s + "。")];
    }

    private static void AddSeeds(SearchIndex index)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "seeds");
        foreach (var file in System.IO.Directory.GetFiles(folder, "0*.txt"))
        {
            var text = ChineseConverter.TraditionalToSimplified.Convert(TextNormaliser.Normalise(File.ReadAllText(file)).Text);
            var id = "seed:" + Path.GetFileNameWithoutExtension(file);
            index.Upsert(new SearchDocument(id, SearchKind.Library, Path.GetFileNameWithoutExtension(file), text));
        }
    }
}
