using Replies.Workflows.Lifecycle;
using Replies.Workflows.ReadModel;

namespace Replies.Functions.Views;

/// <summary>One line of a list.</summary>
public sealed record ProposalSummary(
    string Id,
    string Title,
    ProposalKind Kind,
    string KindLabel,
    string Session,
    ProposalStage Stage,
    string StageLabel,
    string Proposer,
    string? LeadDepartment,
    IReadOnlyList<string> CoHandlers,
    int? FilingNumber,
    DateOnly? ReplyDue,
    int? DaysLeft,
    ResultClass? ResultClass,
    Rating? Rating,
    bool IsKey,
    bool Overdue,
    DateTime SubmittedAt,
    DateTime UpdatedAt)
{
    public static ProposalSummary Of(ProposalSnapshot s, DateOnly today) => Of(ItemRow.Of(s), today);

    public static ProposalSummary Of(ItemRow s, DateOnly today) => new(
        s.ProposalId,
        s.Title,
        s.Kind,
        Labels.Noun(s.Kind),
        s.Session,
        s.Stage,
        Labels.Of(s.Stage),
        s.ProposerName,
        s.LeadDepartment,
        s.CoHandlers,
        s.FilingNumber,
        s.ReplyDue,
        s.DeadlineRunning ? s.ReplyDue!.Value.DayNumber - today.DayNumber : null,
        s.ResultClass,
        s.Rating,
        s.IsKey,
        s.Overdue && !s.IsFinal,
        s.SubmittedAt,
        s.UpdatedAt);
}

/// <summary>A page of a list.</summary>
public sealed record ListPage<T>(int Total, int Page, int PageSize, IReadOnlyList<T> Items);

/// <summary>A draft version without its text.</summary>
public sealed record DraftEntry(int Version, string Author, DateTimeOffset SavedAt, string Download);

/// <summary>An issued letter.</summary>
public sealed record LetterEntry(int Round, string LetterNumber, int DraftVersion, DateTime IssuedAt, string SignedBy, string Download);

/// <summary>A co-handler's opinion.</summary>
public sealed record OpinionEntry(string Department, bool Received, string? Opinion, string? By, DateTime? At, bool Late);

/// <summary>One item with everything the person may see of it and the actions they can take now.</summary>
public sealed record ProposalDetail(
    ProposalSummary Summary,
    ProposalSnapshot Proposal,
    IReadOnlyList<AuditEntry> History,
    IReadOnlyList<DraftEntry>? Drafts,
    IReadOnlyList<LetterEntry> Letters,
    IReadOnlyList<OpinionEntry>? Opinions,
    IReadOnlyList<string> Actions,
    ProposalText? Text = null,
    Workflows.Letters.LetterCheckResult? DraftCheck = null,
    Handling.DraftCoverageView? Coverage = null,
    IReadOnlyList<Attachments.AttachmentView>? Attachments = null);

/// <summary>What a decision came to.</summary>
public sealed record DecisionResult(string RequestId, bool Accepted, ProposalStage Stage, string StageLabel, ProposalSummary? Proposal);

/// <summary>The answer to a submission.</summary>
public sealed record SubmissionResult(string Id, string Status, bool Replayed);

