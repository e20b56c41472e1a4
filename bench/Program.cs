// Benchmarks of Replies. Usage: dotnet run -c Release --project bench -- engine | lifecycle [count=1000] [parallel=64]
//   | api [proposals=10000] [clients=50] [submissions=2000] [listRequests=5000] [--api-only] | search [proposals=10000]
//   | scale [proposals=100000] | notices [count=2000] [items=20] | coverage
// Each prints one JSON object on its last line; all but coverage start their own Azurite.
using System.Diagnostics;
using System.Text.Json;
using Replies.Bench;
using Replies.Testing;

var which = args.FirstOrDefault() ?? "engine";
if (which == "engine-ping-worker")
{
    return await EngineBenchmark.RunPingWorkerAsync(args[1], args[2]);
}

if (which is "coverage" or "search-set")
{
    var coverage = which == "coverage" ? CoverageBenchmark.Run() : SearchSetEvaluation.Run();
    coverage["processor_count"] = Environment.ProcessorCount;
    Console.WriteLine(JsonSerializer.Serialize(coverage));
    return 0;
}

if (which is not ("engine" or "lifecycle" or "api" or "search" or "scale" or "notices"))
{
    Console.Error.WriteLine($"Unknown benchmark '{which}'. Available: engine, lifecycle [count] [parallel], api [proposals] [clients] [submissions] [listRequests] [--api-only], search [proposals], scale [proposals], notices [count], coverage");
    return 2;
}

await using var azurite = await AzuriteInstance.StartAsync();
int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], System.Globalization.CultureInfo.InvariantCulture) : fallback;
var results = which switch
{
    "engine" => await EngineBenchmark.RunAsync(azurite.ConnectionString),
    "lifecycle" => await LifecycleBenchmark.RunAsync(azurite.ConnectionString, Arg(1, 1000), Arg(2, 64)),
    "search" => await SearchBenchmark.RunAsync(azurite.ConnectionString, Arg(1, 10_000)),
    "scale" => await ScaleBenchmark.RunAsync(azurite.ConnectionString, Arg(1, 100_000)),
    "notices" => await NoticeBenchmark.RunAsync(azurite.ConnectionString, Arg(1, 2000), Arg(2, 20)),
    _ => await ApiBenchmark.RunAsync(azurite.ConnectionString, Arg(1, 10_000), Arg(2, 50), Arg(3, 2000), Arg(4, 5000), !args.Contains("--api-only")),
};
results["peak_working_set_mb"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, 1);
results["processor_count"] = Environment.ProcessorCount;
Console.WriteLine(JsonSerializer.Serialize(results));
return 0;

