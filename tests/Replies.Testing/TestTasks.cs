using System.Diagnostics;
using Azure.Data.Tables;
using Replies.Durable;
using Replies.Durable.Worker;

namespace Replies.Testing;

/// <summary>Input of <see cref="TestTasks.CrashChain"/>.</summary>
public sealed record CrashChainInput(int Steps, string EventName = "", bool WithChild = true);

/// <summary>Input of the step activity.</summary>
public sealed record StepInput(string InstanceId, int Step);

/// <summary>
/// Orchestrations and activities shared by the integration tests and the crash worker process. Every activity run
/// writes an effect row, so a test can tell a step that never ran from one that ran more than once.
/// </summary>
public static class TestTasks
{
    public const string CrashChain = nameof(CrashChain);
    public const string Child = nameof(Child);
    public const string RecordStep = nameof(RecordStep);
    public const string KillProcess = nameof(KillProcess);
    public const string PoisonVictim = nameof(PoisonVictim);

    /// <summary>The table effect rows go to.</summary>
    public static string EffectsTable(string hub) => hub + "Effects";

    /// <summary>Registers the shared tasks.</summary>
    public static void Register(DurableTaskRegistry registry, string connectionString, string hub)
    {
        var effects = new TableClient(connectionString, EffectsTable(hub));
        effects.CreateIfNotExists();

        registry.AddOrchestratorFunc<CrashChainInput, string>(CrashChain, async (context, input) =>
        {
            var results = new List<string>();
            for (var i = 0; i < input.Steps; i++)
            {
                results.Add(await context.CallActivityAsync<string>(RecordStep, new StepInput(context.InstanceId, i)));
                if (i == 1)
                {
                    await context.CreateTimer(TimeSpan.FromMilliseconds(300), CancellationToken.None);
                }
            }

            if (input.WithChild)
            {
                results.Add(await context.CallSubOrchestratorAsync<string>(Child, context.InstanceId));
            }

            if (input.EventName.Length > 0)
            {
                results.Add(await context.WaitForExternalEvent<string>(input.EventName));
            }

            return string.Join(",", results);
        });

        registry.AddOrchestratorFunc<string, string>(Child, async (context, parent) =>
            await context.CallActivityAsync<string>(RecordStep, new StepInput(context.InstanceId, 100)));

        registry.AddActivityFunc<StepInput, string>(RecordStep, async (context, input) =>
        {
            await effects.AddEntityAsync(new TableEntity(Key(input.InstanceId), $"{input.Step:D4}-{Guid.NewGuid():N}"));
            return $"s{input.Step}";
        });

        registry.AddOrchestratorFunc<int, string>(PoisonVictim, async (context, _) =>
        {
            try
            {
                await context.CallActivityAsync<string>(KillProcess);
                return "ran";
            }
            catch (TaskFailedException ex)
            {
                return ex.FailureDetails.ErrorType;
            }
        });

        registry.AddActivityFunc<object?, string>(KillProcess, (_, _) =>
        {
            // A hard crash: no shutdown, no lease release, the work item stays hidden until its visibility lapses.
            Process.GetCurrentProcess().Kill();
            return Task.FromResult("unreachable");
        });
    }

    /// <summary>How many times each step of an instance ran, from the effect rows.</summary>
    public static async Task<Dictionary<int, int>> EffectCountsAsync(string connectionString, string hub, string instanceId)
    {
        var effects = new TableClient(connectionString, EffectsTable(hub));
        var counts = new Dictionary<int, int>();
        await foreach (var row in effects.QueryAsync<TableEntity>(r => r.PartitionKey == Key(instanceId)))
        {
            var step = int.Parse(row.RowKey.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture);
            counts[step] = counts.GetValueOrDefault(step) + 1;
        }

        return counts;
    }

    private static string Key(string instanceId) => instanceId.Replace(':', '_');
}
