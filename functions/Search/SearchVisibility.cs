using Replies.Workflows.Directory;
using Replies.Workflows.Search;

namespace Replies.Functions.Search;

/// <summary>Which search hits a person may see, from the access fields the index keeps with each item's documents.</summary>
public static class SearchVisibility
{
    /// <summary>
    /// Library documents are for every official; an item and its reply for those who may see the item (its proposers,
    /// its handling departments, the clerk office), a reply also for anyone once published.
    /// </summary>
    public static bool MaySee(DirectoryPerson user, SearchHit hit)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(hit);
        if (hit.ProposalId is null)
        {
            return true;
        }

        if ((hit.ParentKind ?? hit.Kind) == SearchKind.Reply && hit.Published)
        {
            return true;
        }

        return user.Role switch
        {
            Role.Clerk or Role.Administrator => true,
            Role.Proposer => IsProposer(user, hit),
            Role.Handler or Role.Leader => user.DepartmentId is { } d && hit.Viewers.Contains(SearchIndexer.DepartmentViewer(d)),
            _ => false,
        };
    }

    /// <summary>Whether the person is a proposer of the hit's item (lead, co-signer, invited co-signer, merged).</summary>
    public static bool IsProposer(DirectoryPerson user, SearchHit hit) =>
        hit.Viewers.Contains(SearchIndexer.PersonViewer(user.PersonId));
}
