namespace Replies.Workflows.Lifecycle;

/// <summary>
/// Who may see an item, its working papers and its files, and the roles the decisions of <see cref="DecisionCatalog"/>
/// are given by. The HTTP functions and pages check them before anything is sent (403 when the person may not, 409 when
/// the item's state does not let them now), the item views list only the actions that pass, and the orchestration
/// applies the same descriptors as the last word on the decisions it receives.
/// </summary>
public static class Permissions
{
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
}

/// <summary>Why a person may not do something: <see cref="NotNow"/> when the item's state is the reason (409), else who they are (403).</summary>
public sealed record Refusal(bool NotNow, string Message);
