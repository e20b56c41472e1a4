using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Replies.Durable.Worker;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Rules;
using Replies.Workflows.Storage;

namespace Replies.Workflows;

/// <summary>Wires the proposal workflows: their tasks into the durable registry, their stores and rules into DI.</summary>
public static class WorkflowRegistration
{
    /// <summary>Adds the workflows' orchestrators and activities.</summary>
    public static DurableTaskRegistry AddReplyWorkflows(this DurableTaskRegistry registry) => registry
        .AddOrchestrator<ProposalLifecycle>()
        .AddOrchestrator<CoHandlingOpinion>()
        .AddActivity<RecordTransition>()
        .AddActivity<RecordOutcome>()
        .AddActivity<QueueNotifications>()
        .AddActivity<PlanWorkingDays>()
        .AddActivity<AssignFilingNumber>()
        .AddActivity<NotifyMergeTarget>()
        .AddActivity<RecordCoHandlingOpinion>()
        .AddActivity<RenderReplyLetter>();

    /// <summary>Adds the stores, the calendar and the rules profile (section <c>Replies:Rules</c>, validated at start).</summary>
    public static IServiceCollection AddReplyWorkflows(this IServiceCollection services, IConfiguration configuration, string connectionString, string prefix = "Replies") =>
        services.AddReplyWorkflows(configuration, Durable.AzureStorage.StorageAccount.FromConnectionString(connectionString), prefix);

    /// <summary>As above, for an account reached by connection string or by endpoints with a managed identity.</summary>
    public static IServiceCollection AddReplyWorkflows(this IServiceCollection services, IConfiguration configuration, Durable.AzureStorage.StorageAccount account, string prefix = "Replies")
    {
        services.AddOptions<RulesProfile>().Bind(configuration.GetSection("Replies:Rules")).ValidateDataAnnotations().ValidateOnStart();
        return services.AddReplyWorkflowStores(new ReplyStorage(account, prefix));
    }

    /// <summary>Adds the stores over <paramref name="storage"/>, the shipped calendar and the outcome signals.</summary>
    public static IServiceCollection AddReplyWorkflowStores(this IServiceCollection services, ReplyStorage storage)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(WorkingDayCalendar.Shipped);
        services.TryAddSingleton(storage);
        services.TryAddSingleton<ProposalStore>();
        services.TryAddSingleton<DraftStore>();
        services.TryAddSingleton<NumberingStore>();
        services.TryAddSingleton<AttachmentStore>();
        services.TryAddSingleton<OutcomeSignals>();
        services.TryAddSingleton<ProposalCatalog>();
        services.TryAddSingleton<SubmissionStore>();
        services.TryAddSingleton<Directory.DirectoryStore>();
        services.TryAddSingleton<Search.PolicyLibrary>();
        return services;
    }
}
