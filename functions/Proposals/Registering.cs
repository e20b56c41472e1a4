using Microsoft.DurableTask.Client;
using Replies.Functions.Views;
using Replies.Workflows.Directory;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Proposals;

/// <summary>
/// A submission whose lifecycle has not stored its first stage yet, read from the instance's stored input, so that a
/// reader following the submission's <c>Location</c> at once reads 登记中 on any instance rather than a 404.
/// </summary>
public sealed record Registering(ProposalSummary Summary, string Status, ProposalText Text, string? EnteredBy)
{
    /// <summary>The submission as its proposer, co-signers, the clerk who entered it or the clerk office read it; else null.</summary>
    public static async Task<Registering?> ReadAsync(DurableTaskClient client, DirectoryPerson user, string id, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        if (instance?.ReadInputAs<ProposalLifecycleInput>()?.Submission is not { } s
            || !(s.Concerns(user.PersonId) || user.Role is Role.Clerk or Role.Administrator))
        {
            return null;
        }

        var at = instance.CreatedAt.UtcDateTime;
        var summary = new ProposalSummary(
            s.ProposalId, s.Title, s.Kind, Labels.Noun(s.Kind), s.Session, ProposalStage.Registering, Labels.Of(ProposalStage.Registering),
            s.Proposer.Name, null, [], null, null, null, null, null, false, false, at, at);
        return new Registering(summary, "已提交，正在登记", new ProposalText(s.Title, s.Body, s.Category, s.OriginalTitle, s.OriginalBody) { Asks = s.Asks }, s.EnteredBy?.Name);
    }
}
