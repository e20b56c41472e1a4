using Replies.Functions.Proposals;
using Replies.Workflows.Directory;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Functions.Decisions;

/// <summary>What the checks of a decision's fields read: today in China, the directory, the item's drafts and text, other items.</summary>
public sealed class DecisionLookups(DirectoryStore directory, DraftStore drafts, ProposalStore store, TimeProvider time) : IFieldLookups
{
    public DateOnly Today => ChinaTime.Today(time);

    public bool IsDepartment(string departmentId) => directory.Department(departmentId) is not null;

    public async Task<bool> HasDraftAsync(string proposalId, int version, CancellationToken cancellationToken) =>
        ProposalIds.IsWellFormed(proposalId) && await drafts.GetAsync(proposalId, version, cancellationToken) is not null;

    public async Task<ProposalSnapshot?> ProposalAsync(string proposalId, CancellationToken cancellationToken) =>
        ProposalIds.IsWellFormed(proposalId) ? await store.GetAsync(proposalId, cancellationToken) : null;

    public async Task<IReadOnlyList<string>?> AsksAsync(string proposalId, CancellationToken cancellationToken) =>
        ProposalIds.IsWellFormed(proposalId) && await store.GetTextAsync(proposalId, cancellationToken) is { } text
            ? Workflows.Coverage.ProposalAsks.Of(text)
            : null;
}
