using Replies.Workflows.Storage;

namespace Replies.Functions.Attachments;

/// <summary>An attachment as the API and the item page show it, with its download address and whether the reader may remove it.</summary>
public sealed record AttachmentView(string Id, string Name, AttachmentPart Part, string PartLabel, string ContentType, long Size, string AddedBy, DateTimeOffset AddedAt, string Download, bool CanRemove)
{
    public static AttachmentView Of(string proposalId, Attachment a, bool canRemove) => new(
        a.Id,
        a.Name,
        a.Part,
        a.Part == AttachmentPart.Proposal ? "建议提案附件" : "答复附件",
        a.ContentType,
        a.Size,
        a.AuthorName,
        a.AddedAt,
        $"/api/proposals/{Uri.EscapeDataString(proposalId)}/attachments/{a.Id}",
        canRemove);

    /// <summary>The size as people read it (KB or MB).</summary>
    public string SizeLabel => Size >= 1024 * 1024 ? $"{Size / 1024d / 1024:0.#} MB" : $"{Math.Max(1, (Size + 1023) / 1024)} KB";
}
