using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.DurableTask;
using Replies.Workflows.Letters;
using Replies.Workflows.Rules;
using Replies.Workflows.Storage;

namespace Replies.Workflows.Lifecycle;

/// <summary>The input of <see cref="RenderReplyLetter"/>.</summary>
public sealed record LetterRequest(
    ProposalSnapshot Proposal,
    int DraftVersion,
    string SignedBy,
    string LetterPrefix,
    DateTime IssuedAt,
    string? Handler,
    string? Phone);

/// <summary>
/// Renders the approved draft as the official letter (.docx) and stores it as its own blob; a letter already stored for
/// this round is kept, never overwritten.
/// </summary>
public sealed class RenderReplyLetter(ReplyStorage storage, DraftStore drafts, NumberingStore numbering) : TaskActivity<LetterRequest, LetterInfo>
{
    /// <inheritdoc />
    public override async Task<LetterInfo> RunAsync(TaskActivityContext context, LetterRequest input)
    {
        await storage.EnsureCreatedAsync();
        var p = input.Proposal;
        var draft = await drafts.GetAsync(p.ProposalId, input.DraftVersion)
            ?? throw new InvalidOperationException($"Draft version {input.DraftVersion} of {p.ProposalId} does not exist.");
        var china = ChinaTime.Local(input.IssuedAt);
        var year = china.Year;
        var number = await numbering.NumberForAsync($"letters|{input.LetterPrefix}|{year}", $"{p.ProposalId}|r{p.RehandlingRound}");
        var letterNumber = $"{input.LetterPrefix}〔{year}〕{number}号";
        var title = Labels.Title(p.Kind);
        var content = new LetterContent(
            letterNumber,
            input.SignedBy,
            TitleOf(p),
            $"{p.Proposer.Name}{title}：",
            draft.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            p.LeadDepartment ?? "",
            DateOnly.FromDateTime(china),
            p.CoHandlers,
            input.Handler,
            input.Phone,
            p.Disclosure ?? Disclosure.NotPublic);
        var blobName = $"{p.ProposalId}/reply-r{p.RehandlingRound}.docx";
        try
        {
            await storage.Letters.GetBlobClient(blobName).UploadAsync(
                BinaryData.FromBytes(LetterRenderer.Render(content)),
                new BlobUploadOptions
                {
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
                    Metadata = new Dictionary<string, string>
                    {
                        ["letternumber"] = Uri.EscapeDataString(letterNumber),
                        ["signedby"] = Uri.EscapeDataString(input.SignedBy),
                        ["draftversion"] = input.DraftVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    },
                });
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Issued already by an earlier run of this activity: the stored letter stands.
        }

        return new LetterInfo(blobName, letterNumber, input.DraftVersion, input.IssuedAt, input.SignedBy);
    }

    /// <summary>
    /// The letter's title names the item once: by its filing number in its session, as city governments title their
    /// published replies (对市人大十二届三次会议第12号建议的答复), or by proposer and title before it has a number.
    /// </summary>
    public static string TitleOf(ProposalSnapshot p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return p.FilingNumber is { } number
            ? $"对{p.Session}第{number}号{Labels.Noun(p.Kind)}的答复"
            : $"关于{p.Proposer.Name}{Labels.Title(p.Kind)}《{p.Title}》的答复";
    }
}
