using Microsoft.Extensions.Options;
using Replies.Functions.Startup;
using Replies.Workflows.Directory;
using Replies.Workflows.Intake;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Functions.Attachments;

/// <summary>
/// Adds, lists and removes an item's attachments for a person, with the checks written once for the API and the
/// pages: who may (<see cref="Permissions"/>), the limits per file and per item, the type by content.
/// </summary>
public sealed class AttachmentIntake(AttachmentStore store, IOptions<IntakeOptions> intake)
{
    /// <summary>The files of the item the person may see, each marked whether they may remove it.</summary>
    public async Task<IReadOnlyList<AttachmentView>> ListAsync(DirectoryPerson user, ProposalSnapshot s, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(s);
        var actor = user.ToActor();
        return [.. (await store.ListAsync(s.ProposalId, cancellationToken))
            .Where(a => Permissions.SeesAttachments(actor, s, a.Part))
            .Select(a => AttachmentView.Of(s.ProposalId, a, Permissions.MayRemove(actor, s, a) is null))];
    }

    /// <summary>
    /// Checks and stores one file for the person. <paramref name="s"/> is null only while the item is being
    /// submitted (the Word original), when the submitter is its author by definition.
    /// </summary>
    public async Task<CommandResult> AddAsync(DirectoryPerson user, string proposalId, ProposalSnapshot? s, AttachmentPart part, string? fileName, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(content);
        if (s is not null && Permissions.MayAttach(user.ToActor(), s, part) is { } refusal)
        {
            return refusal.NotNow ? Problems.WrongStage(s.Stage, refusal.Message) : Problems.Forbidden(refusal.Message);
        }

        var name = FileNames.Clean(fileName);
        var limits = intake.Value;
        if (content.Length > limits.MaxAttachmentBytes)
        {
            return Problems.Field("file", $"“{name}”超过单个附件{Megabytes(limits.MaxAttachmentBytes)}的上限，未保存。");
        }

        if (content.Length == 0)
        {
            return Problems.Field("file", $"“{name}”是空文件，未保存。");
        }

        var (kind, wrong) = FileKinds.Identify(name, content);
        if (kind is null)
        {
            return Problems.Field("file", wrong!);
        }

        var existing = await store.ListAsync(proposalId, cancellationToken);
        if (existing.Count >= limits.MaxAttachmentsPerItem)
        {
            return Problems.Field("file", $"每件建议提案最多{limits.MaxAttachmentsPerItem}个附件，已达上限。");
        }

        if (existing.Sum(a => a.Size) + content.Length > limits.MaxAttachmentBytesPerItem)
        {
            return Problems.Field("file", $"本件附件合计不能超过{Megabytes(limits.MaxAttachmentBytesPerItem)}，“{name}”未保存。");
        }

        var saved = await store.SaveAsync(proposalId, name, part, kind.ContentType, content, user.PersonId, user.Name, cancellationToken);
        var view = AttachmentView.Of(proposalId, saved, s is null || Permissions.MayRemove(user.ToActor(), s, saved) is null);
        return CommandResult.Created(view.Download, view);
    }

    /// <summary>Removes the file if the person may.</summary>
    public async Task<CommandResult> RemoveAsync(DirectoryPerson user, ProposalSnapshot s, string attachmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(s);
        var file = AttachmentStore.IsWellFormedId(attachmentId) ? (await store.ListAsync(s.ProposalId, cancellationToken)).FirstOrDefault(a => a.Id == attachmentId) : null;
        if (file is null || !Permissions.SeesAttachments(user.ToActor(), s, file.Part))
        {
            return Problems.NotFound("未找到该附件。");
        }

        if (Permissions.MayRemove(user.ToActor(), s, file) is { } refusal)
        {
            return refusal.NotNow ? Problems.WrongStage(s.Stage, refusal.Message) : Problems.Forbidden(refusal.Message);
        }

        await store.RemoveAsync(s.ProposalId, attachmentId, cancellationToken);
        return CommandResult.NoContent();
    }

    /// <summary>The file if the person may see it; else null.</summary>
    public async Task<(Attachment Attachment, BinaryData Content)?> OpenAsync(DirectoryPerson user, ProposalSnapshot s, string attachmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(s);
        return AttachmentStore.IsWellFormedId(attachmentId) && await store.GetAsync(s.ProposalId, attachmentId, cancellationToken) is { } found
            && Permissions.SeesAttachments(user.ToActor(), s, found.Attachment.Part)
            ? found
            : null;
    }

    private static string Megabytes(long bytes) => $"{bytes / 1024d / 1024:0.#} MB";
}
