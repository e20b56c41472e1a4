using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Replies.Workflows.Letters;
using Replies.Workflows.Lifecycle;

namespace Replies.Workflows.ReadModel;

/// <summary>A request waiting for the clerk office: a re-assignment or an extension.</summary>
public sealed record PendingItem(string Kind, string Department, string Reason, DateOnly? Until);

/// <summary>
/// One proposal as every list shows and filters it, denormalised into each list table's partition (session,
/// department, person, open items). The one home of the list tables' columns: <see cref="ToEntity"/> and
/// <see cref="FromEntity"/> are the only code that reads or writes them.
/// </summary>
public sealed record ItemRow
{
    public required string ProposalId { get; init; }

    public required ProposalKind Kind { get; init; }

    public required string Session { get; init; }

    public required string Title { get; init; }

    public required ProposalStage Stage { get; init; }

    public required string ProposerId { get; init; }

    public required string ProposerName { get; init; }

    public IReadOnlyList<string> CoSignerNames { get; init; } = [];

    public string? LeadDepartment { get; init; }

    public IReadOnlyList<string> CoHandlers { get; init; } = [];

    public IReadOnlyList<string> SignedDepartments { get; init; } = [];

    public int? FilingNumber { get; init; }

    public DateTime? AssignedAt { get; init; }

    public DateOnly? ReplyDue { get; init; }

    public DateTime SubmittedAt { get; init; }

    public DateTime UpdatedAt { get; init; }

    public DateTime? RepliedAt { get; init; }

    public bool RepliedOnTime { get; init; }

    public DateTime? ClosedAt { get; init; }

    public ResultClass? ResultClass { get; init; }

    public Disclosure? Disclosure { get; init; }

    public Rating? Rating { get; init; }

    public bool IsKey { get; init; }

    public bool Overdue { get; init; }

    /// <summary>Whether the leader or the clerk office returned the draft with comments (退回修改).</summary>
    public bool Returned { get; init; }

    public string? LetterNumber { get; init; }

    public DateTime? LetterIssuedAt { get; init; }

    public IReadOnlyList<PendingItem> Requests { get; init; } = [];

    public int Sequence { get; init; }

    /// <summary>In a person's partition: 领衔, 联名, 待确认联名 or 并案; in a department's: lead or co.</summary>
    public string? Part { get; init; }

    /// <summary>The row no longer belongs to its partition (kept so that readers catching up by time see it leave).</summary>
    public bool Gone { get; init; }

    public bool IsFinal => Stage is ProposalStage.Closed or ProposalStage.Merged or ProposalStage.Declined;

    /// <summary>Whether a reply deadline is running (open, not waiting for the proposer's feedback).</summary>
    public bool DeadlineRunning => ReplyDue is not null && !IsFinal && Stage != ProposalStage.AwaitingFeedback;

    /// <summary>Whether the reply is published (全文公开 or 摘要公开) and issued.</summary>
    public bool IsPublished => LetterNumber is not null && Publication.IsPublished(Disclosure);

    /// <summary>Whether the department is the lead or a co-handler.</summary>
    public bool Handles(string? department) => department is not null && (department == LeadDepartment || CoHandlers.Contains(department));

    /// <summary>The row of a snapshot.</summary>
    public static ItemRow Of(ProposalSnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var letter = s.Letters.Count > 0 ? s.Letters[^1] : null;
        return new ItemRow
        {
            ProposalId = s.ProposalId,
            Kind = s.Kind,
            Session = s.Session,
            Title = s.Title,
            Stage = s.Stage,
            ProposerId = s.Proposer.PersonId,
            ProposerName = s.Proposer.Name,
            CoSignerNames = [.. s.CoSigners.Select(c => c.Name)],
            LeadDepartment = s.LeadDepartment,
            CoHandlers = s.CoHandlers,
            SignedDepartments = s.SignedDepartments,
            FilingNumber = s.FilingNumber,
            AssignedAt = s.AssignedAt,
            ReplyDue = s.ReplyDue,
            SubmittedAt = s.SubmittedAt,
            UpdatedAt = s.UpdatedAt,
            RepliedAt = s.RepliedAt,
            RepliedOnTime = s.RepliedOnTime,
            ClosedAt = s.ClosedAt,
            ResultClass = s.ResultClass,
            Disclosure = s.Disclosure,
            Rating = s.Rating,
            IsKey = s.IsKey,
            Overdue = s.Overdue,
            Returned = s.ReturnComments is not null,
            LetterNumber = letter?.LetterNumber,
            LetterIssuedAt = letter?.IssuedAt,
            Requests =
            [
                .. s.PendingReassignments.Select(p => new PendingItem("reassignment", p.Department, p.Reason, null)),
                .. s.PendingExtension is { } e ? [new PendingItem("extension", e.Department, e.Reason, e.Until)] : Array.Empty<PendingItem>(),
            ],
            Sequence = s.Sequence,
        };
    }

    /// <summary>The row as stored in <paramref name="partition"/>.</summary>
    public TableEntity ToEntity(string partition) => new(partition, ProposalId)
    {
        ["Kind"] = Kind.ToString(),
        ["Session"] = Session,
        ["Title"] = Title,
        ["Stage"] = Stage.ToString(),
        ["ProposerId"] = ProposerId,
        ["ProposerName"] = ProposerName,
        ["CoSigners"] = Join(CoSignerNames),
        ["LeadDepartment"] = LeadDepartment,
        ["CoHandlers"] = Join(CoHandlers),
        ["Signed"] = Join(SignedDepartments),
        ["FilingNumber"] = FilingNumber,
        ["AssignedAt"] = AssignedAt,
        ["ReplyDue"] = ReplyDue?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["SubmittedAt"] = SubmittedAt,
        ["UpdatedAt"] = UpdatedAt,
        ["RepliedAt"] = RepliedAt,
        ["RepliedOnTime"] = RepliedOnTime,
        ["ClosedAt"] = ClosedAt,
        ["ResultClass"] = ResultClass?.ToString(),
        ["Disclosure"] = Disclosure?.ToString(),
        ["Rating"] = Rating?.ToString(),
        ["IsKey"] = IsKey,
        ["Overdue"] = Overdue,
        ["Returned"] = Returned,
        ["LetterNumber"] = LetterNumber,
        ["LetterIssuedAt"] = LetterIssuedAt,
        ["Requests"] = Requests.Count == 0 ? null : JsonSerializer.Serialize(Requests, WorkflowJson.Options),
        ["Sequence"] = Sequence,
        ["Part"] = Part,
        ["Gone"] = Gone,
    };

    /// <summary>A stored row.</summary>
    public static ItemRow FromEntity(TableEntity e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new ItemRow
        {
            ProposalId = e.RowKey,
            Kind = Enum.Parse<ProposalKind>(e.GetString("Kind")!),
            Session = e.GetString("Session")!,
            Title = e.GetString("Title")!,
            Stage = Enum.Parse<ProposalStage>(e.GetString("Stage")!),
            ProposerId = e.GetString("ProposerId")!,
            ProposerName = e.GetString("ProposerName")!,
            CoSignerNames = Split(e.GetString("CoSigners")),
            LeadDepartment = e.GetString("LeadDepartment"),
            CoHandlers = Split(e.GetString("CoHandlers")),
            SignedDepartments = Split(e.GetString("Signed")),
            FilingNumber = e.GetInt32("FilingNumber"),
            AssignedAt = Utc(e.GetDateTime("AssignedAt")),
            ReplyDue = e.GetString("ReplyDue") is { } due ? DateOnly.ParseExact(due, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            SubmittedAt = Utc(e.GetDateTime("SubmittedAt")) ?? default,
            UpdatedAt = Utc(e.GetDateTime("UpdatedAt")) ?? default,
            RepliedAt = Utc(e.GetDateTime("RepliedAt")),
            RepliedOnTime = e.GetBoolean("RepliedOnTime") ?? false,
            ClosedAt = Utc(e.GetDateTime("ClosedAt")),
            ResultClass = EnumOf<ResultClass>(e.GetString("ResultClass")),
            Disclosure = EnumOf<Disclosure>(e.GetString("Disclosure")),
            Rating = EnumOf<Rating>(e.GetString("Rating")),
            IsKey = e.GetBoolean("IsKey") ?? false,
            Overdue = e.GetBoolean("Overdue") ?? false,
            Returned = e.GetBoolean("Returned") ?? false,
            LetterNumber = e.GetString("LetterNumber"),
            LetterIssuedAt = Utc(e.GetDateTime("LetterIssuedAt")),
            Requests = e.GetString("Requests") is { } r ? JsonSerializer.Deserialize<PendingItem[]>(r, WorkflowJson.Options)! : [],
            Sequence = e.GetInt32("Sequence") ?? 0,
            Part = e.GetString("Part"),
            Gone = e.GetBoolean("Gone") ?? false,
        };
    }

    // Names and department ids never hold a line feed; it keeps lists of them in one text column.
    private static string? Join(IReadOnlyList<string> values) => values.Count == 0 ? null : string.Join('\n', values);

    private static string[] Split(string? value) => value is null ? [] : value.Split('\n');

    private static DateTime? Utc(DateTime? value) => value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : null;

    private static T? EnumOf<T>(string? value)
        where T : struct, Enum => value is null ? null : Enum.Parse<T>(value);
}
