using Replies.Workflows.Rules;
using static Replies.Workflows.Lifecycle.Permissions;

namespace Replies.Workflows.Lifecycle;

/// <summary>
/// Every decision of the lifecycle, each described once (<see cref="Decision"/>): the one home of who may give which
/// decision, in which stages, and what its content must hold. The clerk office (交办/督办) acts on items;
/// administrators maintain the directory and read everything, but do not act on items.
/// </summary>
public static class DecisionCatalog
{
    private const string NotHandlingIt = "本件未交由您所在单位办理。";

    private static readonly ProposalStage[] Handling =
        [ProposalStage.AwaitingSignOff, ProposalStage.Drafting, ProposalStage.AwaitingApproval, ProposalStage.AwaitingClerkReview];

    private static readonly ProposalStage[] Assigned = [.. Handling, ProposalStage.AwaitingFeedback];

    private static readonly ProposalStage[] Open =
        [ProposalStage.CoSigning, ProposalStage.FilingReview, ProposalStage.AwaitingAssignment, .. Assigned];

    public static readonly Decision<CoSignAnswered> CoSign = new(
        "cosign", "答复联名邀请", "答复联名邀请", [ProposalStage.CoSigning],
        (a, s) => s.PendingCoSigners.Any(p => p.PersonId == a.PersonId), "您不在本件的待确认联名人之列。");

    public static readonly Decision<FilingDecided> Filing = new(
        "filing", "立案审查", "进行立案审查", [ProposalStage.FilingReview], IsClerk, "只有交办（督办）部门可以进行立案审查。",
        content: (e, _) => FilingProblems(e));

    public static readonly Decision<Assigned> Assign = new(
        "assign", "交办", "交办", [ProposalStage.AwaitingAssignment], IsClerk, "只有交办部门可以交办。",
        content: (e, _) => Blank(e.LeadDepartment) ? [new("leadDepartment", "请选择主办单位。")] : []);

    public static readonly Decision<KeyItemMarked> MarkKey = new(
        "markKey", "确定重点", "确定重点", Open, IsClerk, "只有督办部门可以确定重点建议、提案。");

    public static readonly Decision<SignedFor> SignFor = new(
        "signFor", "签收", "签收", Assigned, HandlesIt, NotHandlingIt,
        (a, s) => s.SignedDepartments.Contains(a.DepartmentId!) ? "贵单位已签收本件。"
            : s.PendingReassignments.Any(p => p.Department == a.DepartmentId) ? "贵单位的调整申请尚待交办部门决定。"
            : null);

    public static readonly Decision<ReassignmentRequested> RequestReassignment = new(
        "requestReassignment", "申请调整", "申请调整", Assigned, HandlesIt, NotHandlingIt,
        (a, s) => s.SignedDepartments.Contains(a.DepartmentId!) ? "贵单位已签收本件，不能再申请调整。"
            : s.PendingReassignments.Any(p => p.Department == a.DepartmentId) ? "贵单位已提出调整申请，尚待决定。"
            : null,
        (e, _) => Blank(e.Reason) ? [new("reason", "申请调整须说明理由。")] : []);

    public static readonly Decision<ReassignmentDecided> DecideReassignment = new(
        "decideReassignment", "决定调整申请", "决定调整申请", Assigned, IsClerk, "只有交办部门可以决定调整申请。",
        (_, s) => s.PendingReassignments.Count > 0 ? null : "没有待决定的调整申请。");

    public static readonly Decision<ContactRecorded> RecordContact = new(
        "recordContact", "记录沟通情况", "记录沟通", Handling, IsLeadStaff, "只有主办单位可以记录与提出人的沟通。",
        content: (e, _) => [.. Required(e.Form, "form", "请填写沟通方式。"), .. Required(e.Summary, "summary", "请填写沟通情况。")]);

    /// <summary>Saving a draft sends nothing; it is open while the item is handled, as contact is.</summary>
    public static readonly LocalAction SaveDraft = new(
        "saveDraft", "保存答复稿", "再修改答复稿", Handling, IsLeadStaff, "只有主办单位可以拟写答复稿。");

    public static readonly Decision<SubmittedForApproval> SubmitForApproval = new(
        "submitForApproval", "送审", "送审", [ProposalStage.Drafting], IsLeadStaff, "只有主办单位可以送审答复稿。",
        content: (e, rules) => [
            .. e.DraftVersion < 1 ? [new FieldProblem("draftVersion", "请指定要送审的答复稿版本。")] : Array.Empty<FieldProblem>(),
            .. ResultClassProblems(e.ResultClass, rules)]);

    public static readonly Decision<ApprovalDecided> Approve = new(
        "approve", "审签", "审签", [ProposalStage.AwaitingApproval],
        (a, s) => a.Role == Role.Leader && a.DepartmentId is not null && a.DepartmentId == s.LeadDepartment, "只有主办单位领导可以审签答复稿。",
        content: (e, _) => !e.Approved && Blank(e.Comments) ? [new("comments", "退回修改须填写意见。")] : []);

    public static readonly Decision<ClerkReviewed> ClerkReview = new(
        "clerkReview", "督办审核", "督办审核", [ProposalStage.AwaitingClerkReview], IsClerk, "只有督办部门可以审核答复。",
        content: (e, rules) => [
            .. !e.Approved && Blank(e.Comments) ? [new FieldProblem("comments", "退回须填写意见。")] : Array.Empty<FieldProblem>(),
            .. e.ResultClass is { } changed ? ResultClassProblems(changed, rules) : []]);

    public static readonly Decision<FeedbackGiven> Feedback = new(
        "feedback", "满意度测评", "反馈意见", [ProposalStage.AwaitingFeedback],
        (a, s) => a.PersonId == s.Proposer.PersonId, "只有领衔提出人可以进行满意度测评。",
        content: (e, _) => e.Rating == Rating.NoAnswer ? [new("rating", "请选择满意、基本满意或不满意。")]
            : e.Rating == Rating.Unsatisfied && Blank(e.Comment) ? [new("comment", "选择不满意时请说明理由。")]
            : []);

    public static readonly Decision<ExtensionRequested> RequestExtension = new(
        "requestExtension", "申请延期", "申请延期", Handling, IsLeadStaff, "只有主办单位可以申请延期。",
        (_, s) => s.PendingExtension is null ? null : "已有延期申请待决定。",
        (e, _) => Blank(e.Reason) ? [new("reason", "申请延期须说明理由。")] : []);

    public static readonly Decision<ExtensionDecided> DecideExtension = new(
        "decideExtension", "决定延期申请", "决定延期申请", Open, IsClerk, "只有交办部门可以决定延期申请。",
        (_, s) => s.PendingExtension is not null ? null : "没有待决定的延期申请。");

    public static readonly Decision<CoHandlingOpinionSent> SendOpinion = new(
        "sendOpinion", "提交会办意见", "提交会办意见", Handling,
        (a, s) => IsDepartmentStaff(a) && a.DepartmentId != s.LeadDepartment && s.CoHandlers.Contains(a.DepartmentId!), "只有会办单位可以提交会办意见。",
        content: (e, _) => Blank(e.Opinion) ? [new("opinion", "请填写会办意见。")] : []);

    /// <summary>Every decision, in the order the item page offers them.</summary>
    public static readonly IReadOnlyList<Decision> All =
    [
        CoSign, Filing, Assign, MarkKey, SignFor, RequestReassignment, DecideReassignment, RecordContact, SaveDraft,
        SubmitForApproval, Approve, ClerkReview, Feedback, RequestExtension, DecideExtension, SendOpinion,
    ];

    /// <summary>The decisions whose events a lifecycle waits for: all but the co-handling opinion, which its department's sub-orchestration takes.</summary>
    public static readonly IReadOnlyList<Decision> OfLifecycle = [.. All.Where(d => d != SendOpinion)];

    private static readonly Dictionary<string, Decision> ByName = All.ToDictionary(d => d.Name, StringComparer.Ordinal);

    /// <summary>A decision by its name (<c>signFor</c>, <c>approve</c> …), or null.</summary>
    public static Decision? Named(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The decisions the person can give on the item now.</summary>
    public static IEnumerable<Decision> Available(Actor actor, ProposalSnapshot snapshot) =>
        All.Where(d => d.IsAllowed(actor, snapshot) && d.IsOpen(actor, snapshot));

    private static IEnumerable<FieldProblem> FilingProblems(FilingDecided e)
    {
        if (e.Decision == FilingDecision.Merge && Blank(e.MergeInto))
        {
            yield return new("mergeInto", "并案须指定另一件建议或提案。");
        }

        if (e.Decision == FilingDecision.Decline && Blank(e.Reason))
        {
            yield return new("reason", "不予立案须说明理由。");
        }
    }

    private static IEnumerable<FieldProblem> ResultClassProblems(ResultClass resultClass, RulesProfile rules) =>
        rules.ResultClasses.Contains(resultClass) ? [] : [new("resultClass", $"答复类别须为：{string.Join("、", rules.ResultClasses)}。")];

    private static IEnumerable<FieldProblem> Required(string? value, string field, string message) =>
        Blank(value) ? [new(field, message)] : [];

    private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);
}
