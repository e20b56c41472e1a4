using Replies.Workflows.Fields;
using Replies.Workflows.Rules;
using static Replies.Workflows.Lifecycle.Permissions;

namespace Replies.Workflows.Lifecycle;

/// <summary>
/// Every decision of the lifecycle, each described once (<see cref="Decision"/>): the one home of who may give which
/// decision, in which stages, what its content must hold, its request's fields (what the API reads, the item page's form
/// shows and the API reference lists) and how its event is made from them. The clerk office (交办/督办) acts on items;
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

    private static readonly Role[] Clerks = [Role.Clerk];

    private static readonly Role[] DepartmentStaff = [Role.Handler, Role.Leader];

    private static readonly Role[] Proposers = [Role.Proposer];

    private static readonly (ResultClass, string)[] ResultClasses = [.. new[] { ResultClass.A, ResultClass.B, ResultClass.C, ResultClass.D }.Select(c => (c, Labels.Of(c)))];

    /// <summary>The forms a contact can take; the first four count as meeting in person (见面).</summary>
    public static readonly IReadOnlyList<string> ContactForms = ["当面", "座谈", "走访", "调研", "电话", "视频", "书面"];

    public static readonly Decision<CoSignAnswered> CoSign = new(
        "cosign", "答复联名邀请", "答复联名邀请", [ProposalStage.CoSigning],
        (a, s) => s.PendingCoSigners.Any(p => p.PersonId == a.PersonId), "您不在本件的待确认联名人之列。")
    {
        Segment = "cosign",
        Reference = ("确认或拒绝联名", "proposals"),
        Roles = Proposers,
        Fields = [new FlagField("confirmed", "是否同意联名", "同意联名", "不同意")],
        Make = (a, r, v) => new(r, a, v.Get<bool>("confirmed")),
    };

    public static readonly Decision<FilingDecided> Filing = new(
        "filing", "立案审查", "进行立案审查", [ProposalStage.FilingReview], IsClerk, "只有交办（督办）部门可以进行立案审查。",
        content: (e, _) => FilingProblems(e))
    {
        Segment = "filing",
        Reference = ("立案审查：立案、并案或不予立案", "filing"),
        Roles = Clerks,
        Fields =
        [
            new ChoiceField<FilingDecision>("decision", "审查结论", [(FilingDecision.File, "立案"), (FilingDecision.Merge, "并案"), (FilingDecision.Decline, "不予立案")]) { Default = FilingDecision.File, AsList = true },
            new ProposalField("mergeInto", "并入编号") { Required = false, When = v => v.Get<FilingDecision>("decision") == FilingDecision.Merge },
            new TextField("reason", "理由", 500) { Required = false },
            // The clerk may correct how the asks were split.
            new AsksField("asks", "建议事项") { Required = false, Caption = "建议事项（立案时可调整拆分；每条一事，空框不计）", When = v => v.Get<FilingDecision>("decision") == FilingDecision.File },
        ],
        Make = (a, r, v) => new(r, a, v.Get<FilingDecision>("decision"), v.Get<string?>("mergeInto"), v.Get<string?>("reason")) { Asks = v.Get<IReadOnlyList<string>?>("asks") },
    };

    public static readonly Decision<Assigned> Assign = new(
        "assign", "交办", "交办", [ProposalStage.AwaitingAssignment], IsClerk, "只有交办部门可以交办。",
        content: (e, _) => Blank(e.LeadDepartment) ? [new("leadDepartment", "请选择主办单位。")] : [])
    {
        Segment = "assignment",
        Reference = ("交办：确定主办和会办单位", "assignment"),
        Roles = Clerks,
        Fields = [new DepartmentField("leadDepartment", "主办单位"), new DepartmentsField("coHandlers", "会办单位", "leadDepartment") { Required = false }],
        Make = (a, r, v) => new(r, a, v.Get<string>("leadDepartment"), v.Get<IReadOnlyList<string>>("coHandlers")),
    };

    public static readonly Decision<KeyItemMarked> MarkKey = new(
        "markKey", "确定重点", "确定重点", Open, IsClerk, "只有督办部门可以确定重点建议、提案。")
    {
        Segment = "key",
        Reference = ("确定或取消重点建议、提案", "assignment"),
        Roles = Clerks,
        Fields =
        [
            new FlagField("isKey", "是否重点", "列为重点", "不列为重点"),
            new TextField("supervisingLeader", "领办领导", 30) { Required = false, When = v => v.Get<bool>("isKey") },
        ],
        Make = (a, r, v) => new(r, a, v.Get<bool>("isKey"), v.Get<string?>("supervisingLeader")),
    };

    public static readonly Decision<SignedFor> SignFor = new(
        "signFor", "签收", "签收", Assigned, HandlesIt, NotHandlingIt,
        (a, s) => s.SignedDepartments.Contains(a.DepartmentId!) ? "贵单位已签收本件。"
            : s.PendingReassignments.Any(p => p.Department == a.DepartmentId) ? "贵单位的调整申请尚待交办部门决定。"
            : null)
    {
        Segment = "sign-for",
        Reference = ("签收", "handling"),
        Roles = DepartmentStaff,
        Note = _ => "签收后开始办理；不属于本单位职责的，请在签收前申请调整。",
        Make = (a, r, _) => new(r, a),
    };

    public static readonly Decision<ReassignmentRequested> RequestReassignment = new(
        "requestReassignment", "申请调整", "申请调整", Assigned, HandlesIt, NotHandlingIt,
        (a, s) => s.SignedDepartments.Contains(a.DepartmentId!) ? "贵单位已签收本件，不能再申请调整。"
            : s.PendingReassignments.Any(p => p.Department == a.DepartmentId) ? "贵单位已提出调整申请，尚待决定。"
            : null,
        (e, _) => Blank(e.Reason) ? [new("reason", "申请调整须说明理由。")] : [])
    {
        Segment = "reassignment-requests",
        Reference = ("申请调整承办单位", "handling"),
        Roles = DepartmentStaff,
        Fields = [new TextField("reason", "申请理由", 500, 5) { Caption = "理由", Lines = 2 }],
        Make = (a, r, v) => new(r, a, v.Get<string>("reason")),
    };

    public static readonly Decision<ReassignmentDecided> DecideReassignment = new(
        "decideReassignment", "决定调整申请", "决定调整申请", Assigned, IsClerk, "只有交办部门可以决定调整申请。",
        (_, s) => s.PendingReassignments.Count > 0 ? null : "没有待决定的调整申请。")
    {
        Segment = "reassignment-decisions",
        Reference = ("决定调整申请", "assignment"),
        Roles = Clerks,
        Fields =
        [
            new TextField("department", "申请单位", 60) { Pending = s => s.PendingReassignments.Select(p => (p.Department, $"{p.Department}（{p.Reason}）")) },
            new FlagField("approved", "是否同意", "同意", "不同意"),
            new DepartmentField("newLeadDepartment", "新的主办单位") { Required = false, Unchanged = "（不变）", When = v => v.Get<bool>("approved") },
            new DepartmentsField("newCoHandlers", "新的会办单位", "newLeadDepartment") { Required = false, When = v => v.Get<bool>("approved") },
            new TextField("comment", "意见", 500) { Required = false },
        ],
        Make = (a, r, v) => new(r, a, v.Get<string>("department"), v.Get<bool>("approved"), v.Get<string?>("newLeadDepartment"), v.Has("newLeadDepartment") ? v.Get<IReadOnlyList<string>>("newCoHandlers") : null, v.Get<string?>("comment")),
    };

    public static readonly Decision<ContactRecorded> RecordContact = new(
        "recordContact", "记录沟通情况", "记录沟通", Handling, IsLeadStaff, "只有主办单位可以记录与提出人的沟通。",
        content: (e, _) => [.. Required(e.Form, "form", "请填写沟通方式。"), .. Required(e.Summary, "summary", "请填写沟通情况。")])
    {
        Segment = "contacts",
        Reference = ("记录与提出人的沟通", "handling"),
        Roles = DepartmentStaff,
        Fields =
        [
            new DateField("date", "沟通日期")
            {
                Caption = "日期", StartsToday = true,
                Window = (date, today) => date > today ? "沟通日期不能晚于今天。"
                    // A year in another calendar (民国, 伊斯兰历) written as an ISO date lands centuries away.
                    : date < today.AddYears(-1) ? "沟通日期不能早于一年前，请按公历填写。"
                    : null,
            },
            new TextField("form", "沟通方式", 10) { Caption = "方式", Choices = ContactForms },
            new TextField("summary", "沟通情况", 2000, 4) { Lines = 3 },
        ],
        Make = (a, r, v) => new(r, a, v.Get<DateOnly>("date"), v.Get<string>("form"), v.Get<string>("summary")),
    };

    /// <summary>Saving a draft sends nothing; it is open while the item is handled, as contact is.</summary>
    public static readonly LocalAction SaveDraft = new(
        "saveDraft", "保存答复稿", "再修改答复稿", Handling, IsLeadStaff, "只有主办单位可以拟写答复稿。");

    public static readonly Decision<SubmittedForApproval> SubmitForApproval = new(
        "submitForApproval", "送审", "送审", [ProposalStage.Drafting], IsLeadStaff, "只有主办单位可以送审答复稿。",
        content: (e, rules) => [
            .. e.DraftVersion < 1 ? [new FieldProblem("draftVersion", "请指定要送审的答复稿版本。")] : Array.Empty<FieldProblem>(),
            .. ResultClassProblems(e.ResultClass, rules)])
    {
        Segment = "submission",
        Reference = ("答复稿送审", "handling"),
        Roles = DepartmentStaff,
        Fields =
        [
            new DraftField("draftVersion", "送审的答复稿版本") { Caption = "送审版本" },
            new ChoiceField<ResultClass>("resultClass", "答复类别", ResultClasses) { Default = ResultClass.B, AsList = true },
            new ChoiceField<Disclosure>("disclosure", "公开属性", [(Disclosure.Full, "全文公开"), (Disclosure.Summary, "摘要公开"), (Disclosure.NotPublic, "不公开")]) { Default = Disclosure.Full, AsList = true },
            // Pre-filled from the directory: the person sending it is usually the handler printed on the letter.
            new TextField("handlerName", "承办人", 20) { Prefill = Prefill.PersonName },
            new TextField("handlerPhone", "联系电话", 30) { Prefill = Prefill.PersonPhone, Format = (IsPhone, "联系电话格式不正确。") },
        ],
        Make = (a, r, v) => new(r, a, v.Get<int>("draftVersion"), v.Get<ResultClass>("resultClass"), v.Get<Disclosure>("disclosure"), v.Get<string>("handlerName"), v.Get<string>("handlerPhone")),
    };

    public static readonly Decision<ApprovalDecided> Approve = new(
        "approve", "审签", "审签", [ProposalStage.AwaitingApproval],
        (a, s) => a.Role == Role.Leader && a.DepartmentId is not null && a.DepartmentId == s.LeadDepartment, "只有主办单位领导可以审签答复稿。",
        content: (e, _) => !e.Approved && Blank(e.Comments) ? [new("comments", "退回修改须填写意见。")] : [])
    {
        Segment = "approval",
        Reference = ("审签：同意或退回修改", "approval"),
        Roles = [Role.Leader],
        Fields = [new FlagField("approved", "审签意见", "同意", "退回修改"), Comments],
        Make = (a, r, v) => new(r, a, v.Get<bool>("approved"), v.Get<string?>("comments")),
    };

    public static readonly Decision<ClerkReviewed> ClerkReview = new(
        "clerkReview", "督办审核", "督办审核", [ProposalStage.AwaitingClerkReview], IsClerk, "只有督办部门可以审核答复。",
        content: (e, rules) => [
            .. !e.Approved && Blank(e.Comments) ? [new FieldProblem("comments", "退回须填写意见。")] : Array.Empty<FieldProblem>(),
            .. e.ResultClass is { } changed ? ResultClassProblems(changed, rules) : []])
    {
        Segment = "clerk-review",
        Reference = ("督办审核答复", "approval"),
        Roles = Clerks,
        Fields =
        [
            new FlagField("approved", "审核意见", "同意", "退回修改"),
            new ChoiceField<ResultClass>("resultClass", "答复类别", ResultClasses) { Required = false, Caption = "答复类别（需要改定时）", AsList = true },
            Comments,
        ],
        Make = (a, r, v) => new(r, a, v.Get<bool>("approved"), v.Get<ResultClass?>("resultClass"), v.Get<string?>("comments")),
    };

    public static readonly Decision<FeedbackGiven> Feedback = new(
        "feedback", "满意度测评", "反馈意见", [ProposalStage.AwaitingFeedback],
        (a, s) => a.PersonId == s.Proposer.PersonId, "只有领衔提出人可以进行满意度测评。",
        content: (e, _) => e.Rating == Rating.NoAnswer ? [new("rating", "请选择满意、基本满意或不满意。")]
            : e.Rating == Rating.Unsatisfied && Blank(e.Comment) ? [new("comment", "选择不满意时请说明理由。")]
            : [])
    {
        Segment = "feedback",
        Reference = ("满意度测评", "feedback"),
        Roles = Proposers,
        Fields =
        [
            // Nothing is chosen beforehand: the rating is the proposer's own.
            new ChoiceField<Rating>("rating", "测评意见", [(Rating.Satisfied, "满意"), (Rating.BasicallySatisfied, "基本满意"), (Rating.Unsatisfied, "不满意")]),
            new TextField("comment", "意见", 2000) { Required = false, Lines = 2 },
        ],
        Make = (a, r, v) => new(r, a, v.Get<Rating>("rating"), v.Get<string?>("comment")),
    };

    public static readonly Decision<ExtensionRequested> RequestExtension = new(
        "requestExtension", "申请延期", "申请延期", Handling, IsLeadStaff, "只有主办单位可以申请延期。",
        (_, s) => s.PendingExtension is null ? null : "已有延期申请待决定。",
        (e, _) => Blank(e.Reason) ? [new("reason", "申请延期须说明理由。")] : [])
    {
        Segment = "extension-requests",
        Reference = ("申请延期答复", "handling"),
        Roles = DepartmentStaff,
        Fields =
        [
            new DateField("until", "延期至日期")
            {
                Caption = "延期至",
                Window = (date, today) => date <= today ? "延期至日期须晚于今天。"
                    : date > today.AddYears(1) ? "延期至日期不能晚于一年后，请按公历填写。"
                    : null,
            },
            new TextField("reason", "延期理由", 500, 5) { Caption = "理由", Lines = 2 },
        ],
        Make = (a, r, v) => new(r, a, v.Get<DateOnly>("until"), v.Get<string>("reason")),
    };

    public static readonly Decision<ExtensionDecided> DecideExtension = new(
        "decideExtension", "决定延期申请", "决定延期申请", Open, IsClerk, "只有交办部门可以决定延期申请。",
        (_, s) => s.PendingExtension is not null ? null : "没有待决定的延期申请。")
    {
        Segment = "extension-decisions",
        Reference = ("决定延期申请", "deadlines"),
        Roles = Clerks,
        Note = s => s.PendingExtension is { } p ? $"申请：{p.Department} 申请延期至 {ChinaTime.Day(p.Until)}，理由：{p.Reason}" : null,
        Fields =
        [
            new FlagField("approved", "是否同意", "同意", "不同意"),
            // Agreed without a date of its own, the date asked for holds.
            new DateField("until", "延期至日期") { Required = false, Caption = "延期至（不填则按申请）", When = v => v.Get<bool>("approved") },
            new TextField("comment", "意见", 500) { Required = false },
        ],
        Make = (a, r, v) => new(r, a, v.Get<bool>("approved"), v.Get<DateOnly?>("until"), v.Get<string?>("comment")),
    };

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

    private static readonly Dictionary<string, Decision> BySegment = All.Where(d => d.Segment is not null).ToDictionary(d => d.Segment!, StringComparer.Ordinal);

    /// <summary>The decisions the API gives at their own addresses (<see cref="Decision.Segment"/>), in the order the item page offers them.</summary>
    public static IEnumerable<Decision> WithAddress => All.Where(d => d.Segment is not null);

    /// <summary>The decision at the address segment (<c>sign-for</c>, <c>approval</c> …), or null.</summary>
    public static Decision? AtSegment(string segment) => BySegment.GetValueOrDefault(segment);

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

    private static TextField Comments => new("comments", "意见", 2000) { Required = false, Lines = 2 };

    private static bool IsPhone(string phone) => phone.All(c => char.IsAsciiDigit(c) || c is '-' or ' ' or '(' or ')' or '+' or '转');

    private static IEnumerable<FieldProblem> ResultClassProblems(ResultClass resultClass, RulesProfile rules) =>
        rules.ResultClasses.Contains(resultClass) ? [] : [new("resultClass", $"答复类别须为：{string.Join("、", rules.ResultClasses)}。")];

    private static IEnumerable<FieldProblem> Required(string? value, string field, string message) =>
        Blank(value) ? [new(field, message)] : [];

    private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);
}
