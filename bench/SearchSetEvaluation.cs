using System.Text.Json;
using Lucene.Net.Store;
using Replies.Testing;
using Replies.Workflows.Search;

namespace Replies.Bench;

/// <summary>
/// Search on the hand-written query set (<c>bench/sets/search.json</c>) over the items of the coverage set: each query
/// as a person types it, and the items it should find. Reports mean reciprocal rank and recall at 5, and prints each
/// query that misses with what it found.
/// </summary>
internal static class SearchSetEvaluation
{
    public static Dictionary<string, object> Run()
    {
        var root = AzuriteInstance.RepositoryRoot();
        var pairs = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "bench", "sets", "coverage.json"))).RootElement.GetProperty("pairs").EnumerateArray().ToList();
        var queries = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "bench", "sets", "search.json"))).RootElement.GetProperty("queries").EnumerateArray().ToList();
        using var index = new SearchIndex(new RAMDirectory());
        foreach (var pair in pairs)
        {
            var id = pair.GetProperty("id").GetString()!;
            var proposal = pair.GetProperty("proposal").GetString()!;
            var title = proposal.Split('\n')[0];
            var reply = pair.TryGetProperty("replyFile", out var file) ? File.ReadAllText(Path.Combine(root, file.GetString()!)) : pair.GetProperty("reply").GetString()!;
            index.Upsert(new SearchDocument(id, SearchKind.Proposal, title, proposal, null, null, null, ProposalId: id));
            index.Upsert(new SearchDocument(SearchIndexer.ReplyId(id), SearchKind.Reply, title, reply, null, null, null, ProposalId: id));
        }

        index.Commit();
        index.Refresh();
        double reciprocal = 0, recall = 0;
        foreach (var q in queries)
        {
            var text = q.GetProperty("query").GetString()!;
            var expected = q.GetProperty("expect").EnumerateArray().Select(e => e.GetString()!).ToList();
            var found = index.Search(text, [SearchKind.Proposal, SearchKind.Reply], 20).Select(h => h.ProposalId!).Distinct().Take(5).ToList();
            var first = found.FindIndex(expected.Contains);
            reciprocal += first < 0 ? 0 : 1.0 / (first + 1);
            recall += (double)expected.Count(found.Contains) / expected.Count;
            if (first != 0 || !expected.All(found.Contains))
            {
                Console.Error.WriteLine($"search '{text}': expected {string.Join(",", expected)}, found {string.Join(",", found)}");
            }
        }

        return new Dictionary<string, object>
        {
            ["set_queries"] = queries.Count,
            ["set_mrr"] = Math.Round(reciprocal / queries.Count, 3),
            ["set_recall_at_5"] = Math.Round(recall / queries.Count, 3),
        };
    }
}
