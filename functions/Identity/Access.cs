using Replies.Workflows.Directory;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Identity;

/// <summary>The rules of <see cref="Permissions"/> and <see cref="DecisionCatalog"/> asked about a person of the directory.</summary>
internal static class Access
{
    public static bool CanSee(DirectoryPerson u, ProposalSnapshot s) => Permissions.CanSee(u.ToActor(), s);

    public static bool SeesWorkingPapers(DirectoryPerson u, ProposalSnapshot s) => Permissions.SeesWorkingPapers(u.ToActor(), s);

    public static bool IsProposerOf(DirectoryPerson u, ProposalSnapshot s) => Permissions.IsProposerOf(u.ToActor(), s);

    public static bool IsLeadStaff(DirectoryPerson u, ProposalSnapshot s) => Permissions.IsLeadStaff(u.ToActor(), s);

    public static bool Allows(this Decision decision, DirectoryPerson u, ProposalSnapshot s) => decision.IsAllowed(u.ToActor(), s);

    public static IEnumerable<string> Available(DirectoryPerson u, ProposalSnapshot s) => DecisionCatalog.Available(u.ToActor(), s).Select(d => d.Name);
}
