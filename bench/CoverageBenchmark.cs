using System.Diagnostics;
using System.Text.Json;
using Replies.Testing;
using Replies.Workflows.Coverage;
using Replies.Workflows.Intake;

namespace Replies.Bench;

/// <summary>
/// Ask coverage on the hand-labelled set (<c>bench/sets/coverage.json</c>): how well proposals split into their asks
/// (F1 against the hand split), whether each ask's best passage is one that answers it (top-1), precision and recall
/// of "not answered", and the time per proposal. Misses are printed with what was expected, to read their cause.
/// </summary>
internal static class CoverageBenchmark
{
    private const double SameAsk = 0.7;
    private static readonly string[] Library = ["001", "002"];
    private static readonly string[] Warm = ["预热"];

    public static Dictionary<string, object> Run()
    {
        var root = AzuriteInstance.RepositoryRoot();
        var set = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "bench", "sets", "coverage.json"))).RootElement.GetProperty("pairs").EnumerateArray().Select(Pair.Read(root)).ToList();

        // Weights as the app learns them: every reply it holds and the policy library.
        var library = Library.Select(n => File.ReadAllText(System.IO.Directory.GetFiles(Path.Combine(root, "seeds"), n + "_*.txt").Single()));
        var weights = TermWeights.Learn(set.Select(p => p.Reply).Concat(library).SelectMany(ReplyPassages.Split).Select(p => p.Text));
        var scorer = new CoverageScorer(weights);
        scorer.Score(Warm, "一、工作开展情况\n预热。");

        int splitTrue = 0, splitPredicted = 0, splitGold = 0, linked = 0, linkable = 0;
        int notAnsweredTrue = 0, notAnsweredPredicted = 0, notAnsweredGold = 0, labelRight = 0, labels = 0;
        var times = new List<double>();
        foreach (var pair in set)
        {
            var watch = Stopwatch.StartNew();
            var predicted = AskSplitter.Split(pair.Proposal);
            var coverage = scorer.Score(pair.Asks, pair.Reply);
            times.Add(watch.Elapsed.TotalMilliseconds);

            var matched = Match(predicted, pair.Asks);
            (splitTrue, splitPredicted, splitGold) = (splitTrue + matched, splitPredicted + predicted.Count, splitGold + pair.Asks.Count);
            if (matched != predicted.Count || matched != pair.Asks.Count)
            {
                Console.Error.WriteLine($"{pair.Id} split: expected {pair.Asks.Count}, got {predicted.Count}: {string.Join(" | ", predicted.Select(a => Short(a)))}");
            }

            for (var a = 0; a < pair.Asks.Count; a++)
            {
                var ask = coverage.Asks[a];
                var gold = pair.Answers[a];
                var expected = gold.Count == 0 ? CoverageLabel.NotAnswered : pair.Partial.Contains(a) ? CoverageLabel.AnsweredInPart : CoverageLabel.Answered;
                labels++;
                labelRight += ask.Label == expected ? 1 : 0;
                notAnsweredGold += gold.Count == 0 ? 1 : 0;
                notAnsweredPredicted += ask.Label == CoverageLabel.NotAnswered ? 1 : 0;
                notAnsweredTrue += gold.Count == 0 && ask.Label == CoverageLabel.NotAnswered ? 1 : 0;
                if (gold.Count > 0)
                {
                    linkable++;
                    var best = ask.Best.Count > 0 ? coverage.Passages[ask.Best[0].Passage].Text : "";
                    var right = gold.Any(g => best.Contains(g, StringComparison.Ordinal));
                    linked += right ? 1 : 0;
                    if (!right)
                    {
                        Console.Error.WriteLine($"{pair.Id} ask {a + 1} linked to '{Short(best)}', expected one with '{string.Join("' or '", gold)}' ({ask.Label} {ask.Coverage})");
                    }
                }

                if (ask.Label != expected)
                {
                    Console.Error.WriteLine($"{pair.Id} ask {a + 1} '{Short(pair.Asks[a])}': {ask.Label} ({ask.Coverage}), expected {expected}");
                }
            }
        }

        double Ratio(int a, int b) => b == 0 ? 0 : Math.Round((double)a / b, 3);
        var precision = Ratio(splitTrue, splitPredicted);
        var recall = Ratio(splitTrue, splitGold);
        times.Sort();
        return new Dictionary<string, object>
        {
            ["pairs"] = set.Count,
            ["asks"] = splitGold,
            ["ask_split_precision"] = precision,
            ["ask_split_recall"] = recall,
            ["ask_split_f1"] = precision + recall == 0 ? 0 : Math.Round(2 * precision * recall / (precision + recall), 3),
            ["link_top1_accuracy"] = Ratio(linked, linkable),
            ["not_answered_precision"] = Ratio(notAnsweredTrue, notAnsweredPredicted),
            ["not_answered_recall"] = Ratio(notAnsweredTrue, notAnsweredGold),
            ["not_answered_asks"] = notAnsweredGold,
            ["label_accuracy"] = Ratio(labelRight, labels),
            ["coverage_p50_ms"] = Math.Round(times[times.Count / 2], 1),
            ["coverage_p95_ms"] = Math.Round(times[(int)(times.Count * 0.95)], 1),
            ["weights_learned_from_passages"] = weights.Documents,
        };
    }

    // Predicted asks matched one to one to hand-split asks whose character pairs they share (Dice ≥ 0.7).
    private static int Match(IReadOnlyList<string> predicted, IReadOnlyList<string> gold)
    {
        var free = gold.ToList();
        var matched = 0;
        foreach (var ask in predicted)
        {
            var best = free.Select(g => (Ask: g, Score: Dice(ask, g))).OrderByDescending(m => m.Score).FirstOrDefault();
            if (best.Ask is not null && best.Score >= SameAsk)
            {
                free.Remove(best.Ask);
                matched++;
            }
        }

        return matched;
    }

    private static double Dice(string a, string b)
    {
        var x = ChineseTerms.Pairs(a).ToHashSet(StringComparer.Ordinal);
        var y = ChineseTerms.Pairs(b).ToHashSet(StringComparer.Ordinal);
        return x.Count + y.Count == 0 ? 0 : 2.0 * x.Intersect(y).Count() / (x.Count + y.Count);
    }

    private static string Short(string text) => text.Length <= 24 ? text.ReplaceLineEndings(" ") : text[..24].ReplaceLineEndings(" ") + "…";

    private sealed record Pair(string Id, string Proposal, IReadOnlyList<string> Asks, string Reply, IReadOnlyList<IReadOnlyList<string>> Answers, IReadOnlySet<int> Partial)
    {
        public static Func<JsonElement, Pair> Read(string root) => e =>
        {
            var reply = e.TryGetProperty("replyFile", out var file) ? File.ReadAllText(Path.Combine(root, file.GetString()!)) : e.GetProperty("reply").GetString()!;
            if (e.TryGetProperty("toSimplified", out var simplify) && simplify.GetBoolean())
            {
                reply = ChineseConverter.TraditionalToSimplified.Convert(TextNormaliser.Normalise(reply).Text);
            }

            return new Pair(
                e.GetProperty("id").GetString()!,
                e.GetProperty("proposal").GetString()!,
                [.. e.GetProperty("asks").EnumerateArray().Select(a => a.GetString()!)],
                reply,
                [.. e.GetProperty("answers").EnumerateArray().Select(a => (IReadOnlyList<string>)[.. a.EnumerateArray().Select(s => s.GetString()!)])],
                e.GetProperty("partial").EnumerateArray().Select(p => p.GetInt32()).ToHashSet());
        };
    }
}
