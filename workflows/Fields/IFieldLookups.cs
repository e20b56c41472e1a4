using Replies.Workflows.Lifecycle;

namespace Replies.Workflows.Fields;

/// <summary>What the checks of a decision's fields read beyond the request: today in China, the directory, storage.</summary>
public interface IFieldLookups
{
    DateOnly Today { get; }

    /// <summary>Whether the directory has the department.</summary>
    bool IsDepartment(string departmentId);

    /// <summary>Whether the item has a saved draft of that version.</summary>
    Task<bool> HasDraftAsync(string proposalId, int version, CancellationToken cancellationToken);

    /// <summary>The item with that id, or null (an id that is not well formed included).</summary>
    Task<ProposalSnapshot?> ProposalAsync(string proposalId, CancellationToken cancellationToken);

    /// <summary>The asks as the item's text was split at submission, or null.</summary>
    Task<IReadOnlyList<string>?> AsksAsync(string proposalId, CancellationToken cancellationToken);
}
