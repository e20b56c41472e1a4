// Benchmarks of Replies. Usage: dotnet run -c Release --project bench -- engine
// Each starts its own Azurite and prints one JSON object on its last line.
using System.Diagnostics;
using System.Text.Json;
using Replies.Bench;
using Replies.Testing;

var which = args.FirstOrDefault() ?? "engine";
if (which != "engine")
{
    Console.Error.WriteLine($"Unknown benchmark '{which}'. Available: engine");
    return 2;
}

await using var azurite = await AzuriteInstance.StartAsync();
var results = await EngineBenchmark.RunAsync(azurite.ConnectionString);
results["peak_working_set_mb"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, 1);
results["processor_count"] = Environment.ProcessorCount;
Console.WriteLine(JsonSerializer.Serialize(results));
return 0;
