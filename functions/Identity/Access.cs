using Replies.Workflows.Directory;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Identity;

/// <summary>The rules of <see cref="Permissions"/> asked about a person of the directory.</summary>
internal static class Access
{
    public static ActionRule Action(string name) => Permissions.Of(name);

    public static bool CanSee(DirectoryPerson u, ProposalSnapshot s) => Permissions.CanSee(u.ToActor(), s);

    public static bool SeesWorkingPapers(DirectoryPerson u, ProposalSnapshot s) => Permissions.SeesWorkingPapers(u.ToActor(), s);

    public static bool IsProposerOf(DirectoryPerson u, ProposalSnapshot s) => Permissions.IsProposerOf(u.ToActor(), s);

    public static bool IsLeadStaff(DirectoryPerson u, ProposalSnapshot s) => Permissions.IsLeadStaff(u.ToActor(), s);

    public static bool Allows(this ActionRule rule, DirectoryPerson u, ProposalSnapshot s) => rule.IsAllowed(u.ToActor(), s);

    public static bool IsOpenTo(this ActionRule rule, DirectoryPerson u, ProposalSnapshot s) => rule.IsOpen(u.ToActor(), s);

    public static IEnumerable<string> Available(DirectoryPerson u, ProposalSnapshot s) => Permissions.Available(u.ToActor(), s);
}
