using System.Globalization;
using Microsoft.Extensions.Configuration;
using Replies.Durable.AzureStorage;

namespace Replies.Durable.DependencyInjection;

/// <summary>
/// Reads the <c>extensions:durableTask</c> section of host.json (the Azure Functions schema) into <see cref="DurableTaskOptions"/>,
/// so a Functions developer finds each setting where they expect it.
/// </summary>
public static class HostJsonBinder
{
    /// <summary>Applies the host.json settings that are present; others keep their defaults.</summary>
    public static void Bind(IConfiguration configuration, DurableTaskOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        var durable = configuration.GetSection("extensions:durableTask");
        var storage = durable.GetSection("storageProvider");
        Set(durable["hubName"], v => options.HubName = v);
        Set(durable["maxConcurrentActivityFunctions"], v => options.MaxConcurrentActivities = Int(v));
        Set(durable["maxConcurrentOrchestratorFunctions"], v => options.MaxConcurrentOrchestrations = Int(v));
        Set(storage["partitionCount"], v => options.PartitionCount = Int(v));
        Set(storage["controlQueueBatchSize"], v => options.ControlQueueBatchSize = Int(v));
        Set(storage["controlQueueVisibilityTimeout"], v => options.ControlQueueVisibilityTimeout = Span(v));
        Set(storage["workItemQueueVisibilityTimeout"], v => options.WorkItemVisibilityTimeout = Span(v));
        Set(storage["maxQueuePollingInterval"], v => options.MaxPollingInterval = Span(v));
        Set(storage["partitionLeaseDuration"], v => options.LeaseDuration = Span(v));
        Set(storage["partitionLeaseRenewInterval"], v => options.LeaseRenewInterval = Span(v));
        Set(storage["poisonMessageDequeueCount"], v => options.MaxActivityDequeueCount = Int(v));
        Set(storage["historyCacheCapacity"], v => options.HistoryCacheCapacity = Int(v));
    }

    private static void Set(string? value, Action<string> apply)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            apply(value);
        }
    }

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);

    private static TimeSpan Span(string value) => TimeSpan.Parse(value, CultureInfo.InvariantCulture);
}
