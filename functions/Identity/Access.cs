using Replies.Workflows;
using Replies.Workflows.Directory;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Identity;

/// <summary>
/// Who may see an item and who may take each action on it now. The functions check these before anything is sent,
/// the views list only the actions that pass, and the orchestration checks roles again as the last word.
/// </summary>
internal static class Access
{
    /// <summary>The actions of the lifecycle by the name views and functions use, with who may take them.</summary>
    public static readonly IReadOnlyList<ProposalPermission> Actions =
    [
        new("cosign", nameof(CoSignAnswered), (u, s) => s.PendingCoSigners.Any(p => p.PersonId == u.PersonId)),
        new("filing", nameof(FilingDecided), IsClerk),
        new("assign", nameof(Assigned), IsClerk),
        new("markKey", nameof(KeyItemMarked), IsClerk),
        new("signFor", nameof(SignedFor), HandlesIt, (u, s) => !s.SignedDepartments.Contains(u.DepartmentId!), "贵单位已签收本件。"),
        new("requestReassignment", nameof(ReassignmentRequested), HandlesIt, (u, s) => !s.SignedDepartments.Contains(u.DepartmentId!) && s.PendingReassignments.All(p => p.Department != u.DepartmentId), "贵单位已签收或已提出调整申请。"),
        new("decideReassignment", nameof(ReassignmentDecided), IsClerk, (_, s) => s.PendingReassignments.Count > 0, "没有待决定的调整申请。"),
        new("recordContact", nameof(ContactRecorded), IsLeadStaff),
        // Saving a draft sends nothing; it is open in the stages where contact can be recorded (while handling).
        new("saveDraft", nameof(ContactRecorded), IsLeadStaff),
        new("submitForApproval", nameof(SubmittedForApproval), IsLeadStaff),
        new("approve", nameof(ApprovalDecided), (u, s) => u.Role == Role.Leader && u.DepartmentId == s.LeadDepartment),
        new("clerkReview", nameof(ClerkReviewed), IsClerk),
        new("feedback", nameof(FeedbackGiven), (u, s) => u.PersonId == s.Proposer.PersonId),
        new("requestExtension", nameof(ExtensionRequested), IsLeadStaff, (_, s) => s.PendingExtension is null, "已有延期申请待决定。"),
        new("decideExtension", nameof(ExtensionDecided), IsClerk, (_, s) => s.PendingExtension is not null, "没有待决定的延期申请。"),
        new("sendOpinion", nameof(CoHandlingOpinionSent), (u, s) => u.IsDepartmentStaff && u.DepartmentId != s.LeadDepartment && s.CoHandlers.Contains(u.DepartmentId!)),
    ];

    private static readonly Dictionary<string, ProposalPermission> ByName = Actions.ToDictionary(a => a.Name, StringComparer.Ordinal);

    public static ProposalPermission Action(string name) => ByName[name];

    /// <summary>Whether the person may see the item at all.</summary>
    public static bool CanSee(DirectoryPerson u, ProposalSnapshot s) => u.Role switch
    {
        Role.Clerk or Role.Administrator => true,
        Role.Proposer => IsProposerOf(u, s),
        Role.Handler or Role.Leader => HandlesIt(u, s),
        _ => false,
    };

    /// <summary>Whether the person sees the working papers: drafts, co-handlers' opinions, the full history.</summary>
    public static bool SeesWorkingPapers(DirectoryPerson u, ProposalSnapshot s) =>
        u.Role is Role.Clerk or Role.Administrator || HandlesIt(u, s);

    public static bool IsProposerOf(DirectoryPerson u, ProposalSnapshot s) =>
        s.Proposer.PersonId == u.PersonId
        || s.CoSigners.Any(p => p.PersonId == u.PersonId)
        || s.PendingCoSigners.Any(p => p.PersonId == u.PersonId)
        || s.MergedProposers.Any(p => p.PersonId == u.PersonId);

    public static bool IsClerk(DirectoryPerson u, ProposalSnapshot s) => u.Role == Role.Clerk;

    public static bool HandlesIt(DirectoryPerson u, ProposalSnapshot s) => u.IsDepartmentStaff && s.Handles(u.DepartmentId);

    public static bool IsLeadStaff(DirectoryPerson u, ProposalSnapshot s) => u.IsDepartmentStaff && u.DepartmentId == s.LeadDepartment;

    /// <summary>The actions the person can take on the item in its current stage.</summary>
    public static IEnumerable<string> Available(DirectoryPerson u, ProposalSnapshot s) =>
        Actions.Where(a => a.IsAllowed(u, s) && a.IsOpen(u, s)).Select(a => a.Name);
}

/// <summary>
/// An action, the event it sends, who may take it on an item (<see cref="IsAllowed"/>: refused with 403) and whether
/// the item's state lets them now (its stage, plus <see cref="When"/>: refused with 409).
/// </summary>
internal sealed record ProposalPermission(
    string Name,
    string EventName,
    Func<DirectoryPerson, ProposalSnapshot, bool> IsAllowed,
    Func<DirectoryPerson, ProposalSnapshot, bool>? When = null,
    string? NotNow = null)
{
    public bool IsOpen(DirectoryPerson u, ProposalSnapshot s) => ActionStages.Allows(EventName, s.Stage) && (When?.Invoke(u, s) ?? true);
}
