using Replies.Functions.Identity;
using Replies.Workflows.Letters;
using Replies.Workflows.Search;
using Replies.Workflows.Storage;

namespace Replies.Functions.Search;

/// <summary>Which search hits a person may see.</summary>
public static class SearchVisibility
{
    /// <summary>Library documents are for every official; an item and its reply for those who may see the item, or anyone once published.</summary>
    public static bool MaySee(Workflows.Directory.DirectoryPerson user, SearchHit hit, ProposalCatalog catalog)
    {
        if (hit.ProposalId is not { } id)
        {
            return true;
        }

        if (catalog.Get(id) is not { } s)
        {
            return false;
        }

        var kind = hit.ParentKind ?? hit.Kind;
        return Access.CanSee(user, s) || (kind == SearchKind.Reply && Publication.IsPublished(s.Disclosure));
    }
}
