namespace Replies.Workflows.Lifecycle;

/// <summary>
/// A person's decision sent to a proposal's orchestration as an external event. The event name is the record's type
/// name (<c>nameof(Assigned)</c>), so the orchestration and the functions that raise it cannot drift apart.
/// <see cref="RequestId"/> makes a retried request harmless and names the outcome the caller waits for.
/// </summary>
public abstract record ProposalAction(string RequestId, Actor Actor)
{
    /// <summary>The external event name.</summary>
    public string EventName => GetType().Name;

    /// <summary>
    /// When the person acted, by the sender's clock: the instance takes it as "now", so business time comes from the
    /// host's <see cref="TimeProvider"/> and not from the engine's wall clock.
    /// </summary>
    public DateTime? At { get; init; }

    /// <summary>An action as it was serialised with its event name (a sent mark, an activity's answer), or null if the name is of no action.</summary>
    public static ProposalAction? Read(string eventName, string json) =>
        typeof(ProposalAction).Assembly.GetType($"{typeof(ProposalAction).Namespace}.{eventName}") is { } type && type.IsSubclassOf(typeof(ProposalAction))
            ? (ProposalAction?)System.Text.Json.JsonSerializer.Deserialize(json, type, WorkflowJson.Options)
            : null;
}

/// <summary>How the clerk office decides a filing review.</summary>
public enum FilingDecision
{
    /// <summary>立案.</summary>
    File,

    /// <summary>并案 into another item.</summary>
    Merge,

    /// <summary>不予立案.</summary>
    Decline,
}

/// <summary>A co-signer confirmed or refused co-signing (联名).</summary>
public sealed record CoSignAnswered(string RequestId, Actor Actor, bool Confirmed) : ProposalAction(RequestId, Actor);

/// <summary>The clerk office decided the filing review.</summary>
public sealed record FilingDecided(string RequestId, Actor Actor, FilingDecision Decision, string? MergeInto = null, string? Reason = null) : ProposalAction(RequestId, Actor)
{
    /// <summary>The asks as the clerk corrected their split when filing; null: as they were.</summary>
    public IReadOnlyList<string>? Asks { get; init; }
}

/// <summary>The clerk office assigned the item to a lead department (主办) and co-handlers (会办).</summary>
public sealed record Assigned(string RequestId, Actor Actor, string LeadDepartment, IReadOnlyList<string> CoHandlers) : ProposalAction(RequestId, Actor);

/// <summary>A department signed for the item (签收).</summary>
public sealed record SignedFor(string RequestId, Actor Actor) : ProposalAction(RequestId, Actor);

/// <summary>A department asked to be relieved of the item (申请调整).</summary>
public sealed record ReassignmentRequested(string RequestId, Actor Actor, string Reason) : ProposalAction(RequestId, Actor);

/// <summary>The clerk office decided a re-assignment request.</summary>
public sealed record ReassignmentDecided(string RequestId, Actor Actor, string Department, bool Approved, string? NewLeadDepartment = null, IReadOnlyList<string>? NewCoHandlers = null, string? Comment = null) : ProposalAction(RequestId, Actor);

/// <summary>The lead department recorded a contact with the proposer (沟通/见面).</summary>
public sealed record ContactRecorded(string RequestId, Actor Actor, DateOnly Date, string Form, string Summary) : ProposalAction(RequestId, Actor);

/// <summary>The handler sent a draft version for approval (送审).</summary>
public sealed record SubmittedForApproval(string RequestId, Actor Actor, int DraftVersion, ResultClass ResultClass, Disclosure Disclosure, string? HandlerName = null, string? HandlerPhone = null) : ProposalAction(RequestId, Actor);

/// <summary>The department leader approved the draft or returned it with comments (审签/退回).</summary>
public sealed record ApprovalDecided(string RequestId, Actor Actor, bool Approved, string? Comments = null) : ProposalAction(RequestId, Actor);

/// <summary>The clerk office reviewed an approved reply before issue (督办审核); it may change the class.</summary>
public sealed record ClerkReviewed(string RequestId, Actor Actor, bool Approved, ResultClass? ResultClass = null, string? Comments = null) : ProposalAction(RequestId, Actor);

/// <summary>The proposer rated the reply (满意度测评).</summary>
public sealed record FeedbackGiven(string RequestId, Actor Actor, Rating Rating, string? Comment = null) : ProposalAction(RequestId, Actor);

/// <summary>The lead department asked for more time (申请延期).</summary>
public sealed record ExtensionRequested(string RequestId, Actor Actor, DateOnly Until, string Reason) : ProposalAction(RequestId, Actor);

/// <summary>The clerk office decided an extension request.</summary>
public sealed record ExtensionDecided(string RequestId, Actor Actor, bool Approved, DateOnly? Until = null, string? Comment = null) : ProposalAction(RequestId, Actor);

/// <summary>The clerk office marked or unmarked the item as a key item (重点建议/提案).</summary>
public sealed record KeyItemMarked(string RequestId, Actor Actor, bool IsKey, string? SupervisingLeader = null) : ProposalAction(RequestId, Actor);

/// <summary>Another item was merged into this one (并案): its proposers are answered by this item's reply.</summary>
public sealed record ProposersMergedIn(string RequestId, Actor Actor, string FromProposalId, IReadOnlyList<Person> Proposers) : ProposalAction(RequestId, Actor);

/// <summary>A co-handler sent its opinion (会办意见); raised to the co-handling orchestration.</summary>
public sealed record CoHandlingOpinionSent(string RequestId, Actor Actor, string Opinion) : ProposalAction(RequestId, Actor);
