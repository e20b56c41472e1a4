namespace Replies.Functions.Startup;

/// <summary>
/// What a submission may name (section <c>Replies:Intake</c>): the open sessions with the body each belongs to, the
/// categories, and the limits on attachments.
/// </summary>
public sealed class IntakeOptions
{
    /// <summary>The session a deputy's suggestion is filed under when the submission names none.</summary>
    public string SuggestionSession { get; set; } = "";

    /// <summary>The session a member's proposal is filed under when the submission names none.</summary>
    public string ProposalSession { get; set; } = "";

    /// <summary>Every session a submission may name, each with its body.</summary>
    public List<SessionOption> Sessions { get; set; } = [];

    /// <summary>The categories (类别) offered.</summary>
    public List<string> Categories { get; set; } = [];

    /// <summary>Most co-signers one item may invite.</summary>
    public int MaxCoSigners { get; set; } = 30;

    /// <summary>Largest attachment, in bytes.</summary>
    public long MaxAttachmentBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Most bytes of attachments one item (proposal and reply together) may hold.</summary>
    public long MaxAttachmentBytesPerItem { get; set; } = 100 * 1024 * 1024;

    /// <summary>Most attachments one item may hold.</summary>
    public int MaxAttachmentsPerItem { get; set; } = 30;

    /// <summary>LibreOffice's <c>soffice</c> for .doc and .wps files; empty: found on the PATH, if installed.</summary>
    public string? Converter { get; set; }

    /// <summary>
    /// The session a person of this kind files into: the one named, which must be open and belong to the proposer's
    /// body, or the kind's default; null with the reason when refused.
    /// </summary>
    public (string? Session, string? Refusal) SessionFor(ProposalKind kind, string? named)
    {
        var body = kind == ProposalKind.Suggestion ? SessionBody.PeoplesCongress : SessionBody.Cppcc;
        var name = named?.Trim() is { Length: > 0 } n ? n : kind == ProposalKind.Suggestion ? SuggestionSession : ProposalSession;
        if (name.Length == 0)
        {
            return (null, "请选择届次。");
        }

        var open = Sessions.FirstOrDefault(s => s.Name == name);
        if (open is null)
        {
            return (null, "届次不在受理范围内。");
        }

        return open.Body == body
            ? (name, null)
            : (null, kind == ProposalKind.Suggestion
                ? $"“{name}”是政协会议，人大代表建议须提交到人大会议。"
                : $"“{name}”是人大会议，政协委员提案须提交到政协会议。");
    }
}

/// <summary>An open session and the body it belongs to.</summary>
public sealed class SessionOption
{
    /// <summary>The session as letters name it (市人大十二届三次会议).</summary>
    public string Name { get; set; } = "";

    /// <summary>Whose session it is.</summary>
    public SessionBody Body { get; set; }
}

/// <summary>The body a session belongs to.</summary>
public enum SessionBody
{
    /// <summary>The people's congress (人大): deputies' suggestions.</summary>
    PeoplesCongress,

    /// <summary>The political consultative conference (政协): members' proposals.</summary>
    Cppcc,
}
