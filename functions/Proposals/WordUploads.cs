using Microsoft.Extensions.Options;
using Replies.Functions.Attachments;
using Replies.Functions.Startup;
using Replies.Workflows.Directory;
using Replies.Workflows.Intake;
using Replies.Workflows.Storage;

namespace Replies.Functions.Proposals;

/// <summary>What was read from a Word file, for the person to confirm before submitting with <see cref="Upload"/>.</summary>
public sealed record WordRead(string Upload, string FileName, string Title, string Body, IReadOnlyList<string> Asks, bool Converted);

/// <summary>
/// Reads a proposal from a Word file (.docx; .doc and .wps through LibreOffice where it is installed), cleaned by
/// the intake normaliser with its asks split as typed text's are, and keeps the original aside for its uploader until
/// the submission takes it as the item's first attachment.
/// </summary>
public sealed class WordUploads(AttachmentStore store, IOptions<IntakeOptions> intake)
{
    private static readonly TimeSpan ConversionTime = TimeSpan.FromSeconds(90);

    public async Task<CommandResult> ReadAsync(DirectoryPerson user, IFormFile file, bool toSimplified, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(file);
        var name = FileNames.Clean(file.FileName);
        if (file.Length > intake.Value.MaxAttachmentBytes)
        {
            return Problems.Field("file", $"“{name}”超过{intake.Value.MaxAttachmentBytes / 1024d / 1024:0.#} MB，未读取。");
        }

        using var buffer = new MemoryStream();
        await using (var upload = file.OpenReadStream())
        {
            await upload.CopyToAsync(buffer, cancellationToken);
        }

        var (kind, refused) = FileKinds.Identify(name, buffer);
        if (kind is null)
        {
            return Problems.Field("file", refused!);
        }

        var converted = kind == FileKinds.Doc;
        var docx = buffer.ToArray();
        if (converted)
        {
            var converter = LegacyWordConverter.Find(intake.Value.Converter);
            docx = await LegacyWordConverter.ToDocxAsync(docx, converter, ConversionTime, cancellationToken)!;
            if (docx is null)
            {
                return Problems.Field("file", converter is null
                    ? $"本系统暂不能读取“{name}”这种旧版 Word/WPS 文件，请用 Word 或 WPS 另存为 .docx 后上传。"
                    : $"未能转换“{name}”，请用 Word 或 WPS 另存为 .docx 后上传。");
            }
        }
        else if (kind != FileKinds.Docx)
        {
            return Problems.Field("file", $"“{name}”不是 Word 文件，请上传 .docx、.doc 或 .wps 文件；其他材料请在提交后作为附件上传。");
        }

        WordProposal read;
        try
        {
            read = WordProposalReader.Read(new MemoryStream(docx, writable: false));
        }
        catch (UnreadableDocumentException ex)
        {
            return Problems.Field("file", $"“{name}”：{ex.Message}");
        }

        var (title, _) = TextInput.Clean(read.Title, toSimplified);
        var (body, _) = TextInput.Clean(read.Body, toSimplified);
        var asks = Workflows.Coverage.AskSplitter.Split(body ?? "").Take(Workflows.Coverage.ProposalAsks.Most).ToList();
        var id = await store.StageAsync(name, kind.ContentType, BinaryData.FromBytes(buffer.ToArray()), user.PersonId, cancellationToken);
        return CommandResult.Ok(new WordRead(id, name, title ?? "", body ?? "", asks, converted));
    }
}
