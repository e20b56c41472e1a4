using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Replies.Workflows.Deadlines;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Rules;
using Replies.Workflows.Storage;

namespace Replies.Workflows;

/// <summary>Wires the proposal workflows: the orchestrators and activities a host registers, their stores and rules.</summary>
public static class WorkflowRegistration
{
    /// <summary>The orchestrators, each registered under its type name.</summary>
    public static IReadOnlyList<Type> Orchestrators { get; } = [typeof(ProposalLifecycle), typeof(CoHandlingOpinion)];

    /// <summary>The activities, each registered under its type name.</summary>
    public static IReadOnlyList<Type> Activities { get; } =
    [
        typeof(RecordTransition), typeof(RecordOutcome), typeof(QueueNotifications), typeof(SetAlarm), typeof(PlanWorkingDays),
        typeof(AssignFilingNumber), typeof(NotifyMergeTarget), typeof(RecordCoHandlingOpinion), typeof(RenderReplyLetter),
        typeof(ArchiveItem), typeof(ReadSentDecision),
    ];

    /// <summary>Adds the stores, the calendar and the rules profile (section <c>Replies:Rules</c>, validated at start).</summary>
    public static IServiceCollection AddReplyWorkflows(this IServiceCollection services, IConfiguration configuration, string connectionString, string prefix = "Replies") =>
        services.AddReplyWorkflows(configuration, StorageAccount.FromConnectionString(connectionString), prefix);

    /// <summary>As above, for an account reached by connection string or by endpoints with a managed identity.</summary>
    public static IServiceCollection AddReplyWorkflows(this IServiceCollection services, IConfiguration configuration, StorageAccount account, string prefix = "Replies")
    {
        services.AddOptions<RulesProfile>().Bind(configuration.GetSection("Replies:Rules")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DeadlineOptions>().Bind(configuration.GetSection("Replies:Deadlines"));
        services.AddOptions<TaskHubRetentionOptions>().Bind(configuration.GetSection("Replies:TaskHub"));
        services.AddOptions<ReadModel.ReadModelOptions>().Bind(configuration.GetSection("Replies:ReadModel"));
        services.AddOptions<Watchdog.WatchdogOptions>().Bind(configuration.GetSection("Replies:Watchdog"));
        return services.AddReplyWorkflowStores(new ReplyStorage(account, prefix, noticeQueue: configuration["Replies:Notices:Queue"]));
    }

    /// <summary>Adds the stores over <paramref name="storage"/>, the shipped calendar, the outcome signals and the deadline sweep.</summary>
    public static IServiceCollection AddReplyWorkflowStores(this IServiceCollection services, ReplyStorage storage)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(WorkingDayCalendar.Shipped);
        services.TryAddSingleton(storage);
        services.TryAddSingleton<ProposalStore>();
        services.TryAddSingleton<TransitionWriter>();
        services.TryAddSingleton<DecisionLedger>();
        services.TryAddSingleton<DraftStore>();
        services.TryAddSingleton<NumberingStore>();
        services.TryAddSingleton<AttachmentStore>();
        services.TryAddSingleton<ArchiveStore>();
        services.TryAddSingleton<OutcomeSignals>();
        services.TryAddSingleton<DecisionSender>();
        services.TryAddSingleton<OpinionStore>();
        services.TryAddSingleton<NoticeStore>();
        services.AddOptions();
        services.TryAddSingleton<ChangeFeed>();
        services.TryAddSingleton<ReadModel.MetricsStore>();
        services.TryAddSingleton<ReadModel.ItemLists>();
        services.TryAddSingleton<ReadModel.GonePurge>();
        services.TryAddSingleton<SubmissionStore>();
        services.TryAddSingleton<AlarmStore>();
        services.TryAddSingleton<DeadlineSweep>();
        services.TryAddSingleton<CompletedHistoryPurge>();
        services.TryAddSingleton<Watchdog.AnomalyStore>();
        services.TryAddSingleton<Watchdog.Watchdog>();
        services.TryAddSingleton<Directory.DirectoryStore>();
        services.TryAddSingleton<Search.PolicyLibrary>();
        return services;
    }
}
