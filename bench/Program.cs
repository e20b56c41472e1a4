// Benchmarks of Replies. Usage: dotnet run -c Release --project bench -- engine | lifecycle [count=1000] [parallel=64]
// Each starts its own Azurite and prints one JSON object on its last line.
using System.Diagnostics;
using System.Text.Json;
using Replies.Bench;
using Replies.Testing;

var which = args.FirstOrDefault() ?? "engine";
if (which is not ("engine" or "lifecycle"))
{
    Console.Error.WriteLine($"Unknown benchmark '{which}'. Available: engine, lifecycle [count] [parallel]");
    return 2;
}

await using var azurite = await AzuriteInstance.StartAsync();
var results = which == "engine"
    ? await EngineBenchmark.RunAsync(azurite.ConnectionString)
    : await LifecycleBenchmark.RunAsync(
        azurite.ConnectionString,
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 64);
results["peak_working_set_mb"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, 1);
results["processor_count"] = Environment.ProcessorCount;
Console.WriteLine(JsonSerializer.Serialize(results));
return 0;
