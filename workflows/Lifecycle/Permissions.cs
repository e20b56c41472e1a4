namespace Replies.Workflows.Lifecycle;

/// <summary>
/// Who may see an item and who may take each action on it, and when: the one home of these rules. The HTTP functions
/// and pages check them before anything is sent (403 when the person may not, 409 when the item's state does not let
/// them now), the item views list only the actions that pass, and the orchestration applies the same predicates as the
/// last word on the decisions it receives. The clerk office (交办/督办) acts on items; administrators maintain the
/// directory and read everything, but do not act on items.
/// </summary>
public static class Permissions
{
    /// <summary>The actions of the lifecycle by the name views and functions use, with who may take them.</summary>
    public static readonly IReadOnlyList<ActionRule> Actions =
    [
        new("cosign", nameof(CoSignAnswered), (a, s) => s.PendingCoSigners.Any(p => p.PersonId == a.PersonId), "您不在本件的待确认联名人之列。"),
        new("filing", nameof(FilingDecided), IsClerk, "只有交办（督办）部门可以进行立案审查。"),
        new("assign", nameof(Assigned), IsClerk, "只有交办部门可以交办。"),
        new("markKey", nameof(KeyItemMarked), IsClerk, "只有督办部门可以确定重点建议、提案。"),
        new("signFor", nameof(SignedFor), HandlesIt, "本件未交由您所在单位办理。", (a, s) => !s.SignedDepartments.Contains(a.DepartmentId!), "贵单位已签收本件。"),
        new("requestReassignment", nameof(ReassignmentRequested), HandlesIt, "本件未交由您所在单位办理。", (a, s) => !s.SignedDepartments.Contains(a.DepartmentId!) && s.PendingReassignments.All(p => p.Department != a.DepartmentId), "贵单位已签收或已提出调整申请。"),
        new("decideReassignment", nameof(ReassignmentDecided), IsClerk, "只有交办部门可以决定调整申请。", (_, s) => s.PendingReassignments.Count > 0, "没有待决定的调整申请。"),
        new("recordContact", nameof(ContactRecorded), IsLeadStaff, "只有主办单位可以记录与提出人的沟通。"),
        // Saving a draft sends nothing; it is open in the stages where contact can be recorded (while handling).
        new("saveDraft", nameof(ContactRecorded), IsLeadStaff, "只有主办单位可以拟写答复稿。"),
        new("submitForApproval", nameof(SubmittedForApproval), IsLeadStaff, "只有主办单位可以送审答复稿。"),
        new("approve", nameof(ApprovalDecided), (a, s) => a.Role == Role.Leader && a.DepartmentId is not null && a.DepartmentId == s.LeadDepartment, "只有主办单位领导可以审签答复稿。"),
        new("clerkReview", nameof(ClerkReviewed), IsClerk, "只有督办部门可以审核答复。"),
        new("feedback", nameof(FeedbackGiven), (a, s) => a.PersonId == s.Proposer.PersonId, "只有领衔提出人可以进行满意度测评。"),
        new("requestExtension", nameof(ExtensionRequested), IsLeadStaff, "只有主办单位可以申请延期。", (_, s) => s.PendingExtension is null, "已有延期申请待决定。"),
        new("decideExtension", nameof(ExtensionDecided), IsClerk, "只有交办部门可以决定延期申请。", (_, s) => s.PendingExtension is not null, "没有待决定的延期申请。"),
        new("sendOpinion", nameof(CoHandlingOpinionSent), (a, s) => IsDepartmentStaff(a) && a.DepartmentId != s.LeadDepartment && s.CoHandlers.Contains(a.DepartmentId!), "只有会办单位可以提交会办意见。"),
    ];

    private static readonly Dictionary<string, ActionRule> ByName = Actions.ToDictionary(a => a.Name, StringComparer.Ordinal);

    /// <summary>An action by its name (<c>signFor</c>, <c>approve</c> …).</summary>
    public static ActionRule Of(string name) => ByName[name];

    /// <summary>Whether the person may see the item at all.</summary>
    public static bool CanSee(Actor a, ProposalSnapshot s) => a.Role switch
    {
        Role.Clerk or Role.Administrator => true,
        Role.Proposer => IsProposerOf(a, s),
        Role.Handler or Role.Leader => HandlesIt(a, s),
        _ => false,
    };

    /// <summary>Whether the person sees the working papers: drafts, co-handlers' opinions, the full history.</summary>
    public static bool SeesWorkingPapers(Actor a, ProposalSnapshot s) =>
        a.Role is Role.Clerk or Role.Administrator || HandlesIt(a, s);

    public static bool IsProposerOf(Actor a, ProposalSnapshot s) =>
        s.Proposer.PersonId == a.PersonId
        || s.CoSigners.Any(p => p.PersonId == a.PersonId)
        || s.PendingCoSigners.Any(p => p.PersonId == a.PersonId)
        || s.MergedProposers.Any(p => p.PersonId == a.PersonId);

    /// <summary>The clerk office; an administrator is not.</summary>
    public static bool IsClerk(Actor a, ProposalSnapshot s) => a.Role == Role.Clerk;

    public static bool IsDepartmentStaff(Actor a) => a.Role is Role.Handler or Role.Leader && a.DepartmentId is not null;

    public static bool HandlesIt(Actor a, ProposalSnapshot s) => IsDepartmentStaff(a) && s.Handles(a.DepartmentId);

    public static bool IsLeadStaff(Actor a, ProposalSnapshot s) => IsDepartmentStaff(a) && a.DepartmentId == s.LeadDepartment;

    /// <summary>
    /// Why the person may not add a file to this part of the item now, or null when they may: to the proposal, its
    /// proposer until it is filed, and the clerk office until it closes; to the reply, the lead department while it
    /// drafts.
    /// </summary>
    public static Refusal? MayAttach(Actor a, ProposalSnapshot s, Storage.AttachmentPart part) => part switch
    {
        Storage.AttachmentPart.Proposal when a.Role == Role.Clerk => s.IsFinal ? new(true, "本件已办结，不能再添加附件。") : null,
        Storage.AttachmentPart.Proposal when s.Proposer.PersonId == a.PersonId => BeforeFiling(s) ? null : new(true, "本件已立案审查完毕，不能再添加附件；如需补充材料，请联系交办部门。"),
        Storage.AttachmentPart.Proposal => new(false, "只有领衔提出人或交办部门可以为本件添加附件。"),
        _ when !IsLeadStaff(a, s) => new(false, "只有主办单位可以为答复添加附件。"),
        _ => s.Stage == ProposalStage.Drafting ? null : new(true, "答复附件只能在办理中（送审前）添加。"),
    };

    /// <summary>Why the person may not remove the file now, or null: only the one who added it, while its part is still open to them.</summary>
    public static Refusal? MayRemove(Actor a, ProposalSnapshot s, Storage.Attachment file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.AuthorId != a.PersonId)
        {
            return new(false, "只有添加该附件的人可以删除它。");
        }

        var open = file.Part == Storage.AttachmentPart.Proposal ? BeforeFiling(s) : s.Stage == ProposalStage.Drafting;
        return open ? null : new(true, file.Part == Storage.AttachmentPart.Proposal ? "本件已立案审查完毕，附件不能再删除。" : "答复已送审或答复，附件不能再删除。");
    }

    /// <summary>Whether the person sees the files of this part: the proposal's with the item, the reply's as working papers until a reply is issued.</summary>
    public static bool SeesAttachments(Actor a, ProposalSnapshot s, Storage.AttachmentPart part) =>
        CanSee(a, s) && (part == Storage.AttachmentPart.Proposal || SeesWorkingPapers(a, s) || s.Letters.Count > 0);

    private static bool BeforeFiling(ProposalSnapshot s) => s.Stage is ProposalStage.CoSigning or ProposalStage.FilingReview;

    /// <summary>The actions the person can take on the item in its current stage.</summary>
    public static IEnumerable<string> Available(Actor a, ProposalSnapshot s) =>
        Actions.Where(p => p.IsAllowed(a, s) && p.IsOpen(a, s)).Select(p => p.Name);
}

/// <summary>Why a person may not do something: <see cref="NotNow"/> when the item's state is the reason (409), else who they are (403).</summary>
public sealed record Refusal(bool NotNow, string Message);

/// <summary>
/// An action, the event it sends, who may take it on an item (<see cref="IsAllowed"/>, else <see cref="Refusal"/>)
/// and whether the item's state lets them now (its stage, plus <see cref="When"/>, else <see cref="NotNow"/>).
/// </summary>
public sealed record ActionRule(
    string Name,
    string EventName,
    Func<Actor, ProposalSnapshot, bool> IsAllowed,
    string Refusal,
    Func<Actor, ProposalSnapshot, bool>? When = null,
    string? NotNow = null)
{
    public bool IsOpen(Actor a, ProposalSnapshot s) => ActionStages.Allows(EventName, s.Stage) && (When?.Invoke(a, s) ?? true);
}
