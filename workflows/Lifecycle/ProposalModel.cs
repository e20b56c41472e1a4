using Replies.Workflows.Rules;

namespace Replies.Workflows.Lifecycle;

/// <summary>What a proposer submits.</summary>
public sealed record ProposalSubmission(
    string ProposalId,
    ProposalKind Kind,
    string Session,
    string Title,
    string Body,
    string Category,
    Person Proposer,
    IReadOnlyList<Person> CoSigners,
    string? OriginalTitle = null,
    string? OriginalBody = null)
{
    /// <summary>The asks (建议事项) as the proposer confirmed them; null: split from the body when read.</summary>
    public IReadOnlyList<string>? Asks { get; init; }

    /// <summary>The clerk who entered it on the proposer's behalf (代录); null when the proposer submitted it.</summary>
    public Person? EnteredBy { get; init; }

    /// <summary>Whether the person may read the submission before its first stage is stored.</summary>
    public bool Concerns(string personId) =>
        Proposer.PersonId == personId || EnteredBy?.PersonId == personId || CoSigners.Any(c => c.PersonId == personId);
}

/// <summary>
/// The text of a proposal as stored beside its status: normalised, with what the proposer typed kept when the
/// normaliser changed it.
/// </summary>
public sealed record ProposalText(string Title, string Body, string Category, string? OriginalTitle = null, string? OriginalBody = null)
{
    /// <summary>The asks (建议事项) as confirmed at submission; null for items stored before asks were kept.</summary>
    public IReadOnlyList<string>? Asks { get; init; }
}

/// <summary>The orchestration's input: the submission and the rules in force when it was made.</summary>
public sealed record ProposalLifecycleInput(ProposalSubmission Submission, RulesProfile Rules)
{
    /// <summary>When it was submitted, by the submitter's clock (the instance's first "now").</summary>
    public DateTime? At { get; init; }
}

/// <summary>A contact with the proposer.</summary>
public sealed record ContactEntry(DateOnly Date, string Form, string Summary, string By);

/// <summary>An issued reply letter.</summary>
public sealed record LetterInfo(string BlobName, string LetterNumber, int DraftVersion, DateTime IssuedAt, string SignedBy);

/// <summary>A pending request of a department (re-assignment) or of the lead (extension).</summary>
public sealed record PendingRequest(string RequestId, string Department, string Reason, DateOnly? Until = null);

/// <summary>
/// The state of one proposal as the orchestration keeps it and the status row shows it. Immutable; each transition
/// makes a new one with <see cref="Sequence"/> one higher, which keys the audit row and makes writes idempotent.
/// </summary>
public sealed record ProposalSnapshot
{
    public required string ProposalId { get; init; }

    public required ProposalKind Kind { get; init; }

    public required string Session { get; init; }

    public required string Title { get; init; }

    public required string Category { get; init; }

    public required Person Proposer { get; init; }

    public IReadOnlyList<Person> CoSigners { get; init; } = [];

    public IReadOnlyList<Person> PendingCoSigners { get; init; } = [];

    /// <summary>Proposers of items merged into this one (并案); each is answered.</summary>
    public IReadOnlyList<Person> MergedProposers { get; init; } = [];

    public IReadOnlyList<string> MergedFrom { get; init; } = [];

    public ProposalStage Stage { get; init; }

    public int Sequence { get; init; }

    public DateTime SubmittedAt { get; init; }

    public DateTime UpdatedAt { get; init; }

    public DateOnly? CoSignDue { get; init; }

    public DateOnly? FilingDue { get; init; }

    public int? FilingNumber { get; init; }

    public string? MergedInto { get; init; }

    public string? DeclineReason { get; init; }

    public bool IsKey { get; init; }

    public string? SupervisingLeader { get; init; }

    /// <summary>主办单位.</summary>
    public string? LeadDepartment { get; init; }

    /// <summary>会办单位.</summary>
    public IReadOnlyList<string> CoHandlers { get; init; } = [];

    public DateTime? AssignedAt { get; init; }

    public DateOnly? SignOffDue { get; init; }

    public IReadOnlyList<string> SignedDepartments { get; init; } = [];

    public IReadOnlyList<PendingRequest> PendingReassignments { get; init; } = [];

    /// <summary>The reply deadline in force (extended or re-handling deadline included).</summary>
    public DateOnly? ReplyDue { get; init; }

    public bool DueDateEstimated { get; init; }

    public PendingRequest? PendingExtension { get; init; }

    public int ExtensionsGranted { get; init; }

    public IReadOnlyList<ContactEntry> Contacts { get; init; } = [];

    /// <summary>Whether a contact was recorded in the current handling round.</summary>
    public bool ContactInRound { get; init; }

    public int? DraftVersion { get; init; }

    public string? ReturnComments { get; init; }

    public ResultClass? ResultClass { get; init; }

    public Disclosure? Disclosure { get; init; }

    public string? ApprovedBy { get; init; }

    public string? HandlerName { get; init; }

    public string? HandlerPhone { get; init; }

    public IReadOnlyList<LetterInfo> Letters { get; init; } = [];

    public DateTime? RepliedAt { get; init; }

    public bool RepliedOnTime { get; init; }

    public DateOnly? FeedbackDue { get; init; }

    public Rating? Rating { get; init; }

    public string? FeedbackComment { get; init; }

    public int RehandlingRound { get; init; }

    public bool Overdue { get; init; }

    public DateTime? ClosedAt { get; init; }

    /// <summary>Every proposer who receives the reply: the lead proposer, confirmed co-signers and merged proposers.</summary>
    public IEnumerable<Person> Recipients => new[] { Proposer }.Concat(CoSigners).Concat(MergedProposers).DistinctBy(p => p.PersonId);

    /// <summary>Whether the department is the lead or a co-handler.</summary>
    public bool Handles(string? department) => department is not null && (department == LeadDepartment || CoHandlers.Contains(department));

    /// <summary>Whether the item has reached an end.</summary>
    public bool IsFinal => Stage is ProposalStage.Closed or ProposalStage.Merged or ProposalStage.Declined;
}

/// <summary>What the orchestration returns when the item ends.</summary>
public sealed record ProposalOutcome(ProposalStage Stage, ResultClass? ResultClass, Rating? Rating, int RehandlingRounds, int Transitions);

/// <summary>A notification for the outbox: who, what kind, and the Chinese text a person reads.</summary>
public sealed record Notification(string Recipient, NotificationKind Kind, string Message);

/// <summary>Why a notification was sent.</summary>
public enum NotificationKind
{
    /// <summary>Something needs the recipient's action.</summary>
    Task,

    /// <summary>催办: a deadline is near.</summary>
    Reminder,

    /// <summary>督办: a deadline passed.</summary>
    Escalation,

    /// <summary>For information.</summary>
    Info,

    /// <summary>A reply letter was issued.</summary>
    Reply,

    /// <summary>A draft awaits the department leader's approval (审签): it goes to the leader, not the duty handler.</summary>
    Approval,
}

/// <summary>One audited transition: who did what, when, from which stage to which.</summary>
public sealed record AuditEntry(int Sequence, DateTime At, string ActorId, string ActorName, string Role, string Action, ProposalStage? From, ProposalStage To, string? Details);

/// <summary>What became of a person's request.</summary>
public sealed record RequestOutcome(string RequestId, bool Accepted, string? Reason, ProposalStage Stage, DateTime At);

/// <summary>The input of the activity that stores a transition.</summary>
public sealed record TransitionRecord(ProposalSnapshot? Previous, ProposalSnapshot Current, AuditEntry Audit, IReadOnlyList<Notification> Notifications, RequestOutcome? Outcome, ProposalText? Text = null)
{
    /// <summary>The instance's next alarm, when the transition changes it; written before the outcome.</summary>
    public Deadlines.AlarmSetting? Alarm { get; init; }

    /// <summary>What caused a transition that answers no request (the alarm's key, the submission): with the sequence, it tells a copy of this transition from another.</summary>
    public string? Cause { get; init; }
}

/// <summary>Recipient keys of the outbox.</summary>
public static class Recipients
{
    /// <summary>The clerk office.</summary>
    public const string ClerkOffice = "clerk-office";

    /// <summary>A person.</summary>
    public static string Person(string personId) => "person:" + personId;

    /// <summary>A department.</summary>
    public static string Department(string departmentId) => "dept:" + departmentId;
}
