using Replies.Durable.Worker;

namespace Replies.Workflows;

/// <summary>
/// Registers the proposal workflows with the durable runtime. The lifecycle itself (issue #3) is not built yet;
/// this is the seam the host already calls so adding it changes no wiring.
/// </summary>
public static class WorkflowRegistration
{
    /// <summary>Adds the workflows' orchestrators and activities.</summary>
    public static DurableTaskRegistry AddReplyWorkflows(this DurableTaskRegistry registry) => registry;
}
