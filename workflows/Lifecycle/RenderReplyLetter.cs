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
        var number = await numbering.NumberForAsync(NumberingStore.LetterScope(input.LetterPrefix, year), NumberingStore.LetterKey(p.ProposalId, p.RehandlingRound));
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
        var letter = new LetterInfo($"{p.ProposalId}/reply-r{p.RehandlingRound}.docx", letterNumber, input.DraftVersion, input.IssuedAt, input.SignedBy);
        // Issued already by an earlier run of this activity: the stored letter stands.
        await StoreOnceAsync(storage, letter, BinaryData.FromBytes(LetterRenderer.Render(content)));
        return letter;
    }

    /// <summary>Stores a letter's file unless one is stored under its name (true when this call stored it).</summary>
    public static async Task<bool> StoreOnceAsync(ReplyStorage storage, LetterInfo letter, BinaryData file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(letter);
        try
        {
            await storage.Letters.GetBlobClient(letter.BlobName).UploadAsync(
                file,
                new BlobUploadOptions
                {
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
                    Metadata = new Dictionary<string, string>
                    {
                        ["letternumber"] = Uri.EscapeDataString(letter.LetterNumber),
                        ["signedby"] = Uri.EscapeDataString(letter.SignedBy),
                        ["draftversion"] = letter.DraftVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    },
                },
                cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>The numbering scope and key a letter's number came from, read back from the letter (for a restore).</summary>
    public static (string Scope, string Key, int Number)? NumberOf(string proposalId, LetterInfo letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var n = letter.LetterNumber;
        var (open, close) = (n.IndexOf('〔', StringComparison.Ordinal), n.IndexOf('〕', StringComparison.Ordinal));
        var roundAt = letter.BlobName.LastIndexOf("/reply-r", StringComparison.Ordinal);
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        return open > 0 && close > open && n.EndsWith('号')
            && int.TryParse(n.AsSpan(open + 1, close - open - 1), inv, out var year)
            && int.TryParse(n.AsSpan(close + 1, n.Length - close - 2), inv, out var number)
            && roundAt >= 0 && int.TryParse(letter.BlobName.AsSpan(roundAt + 8, letter.BlobName.Length - roundAt - 8 - ".docx".Length), inv, out var round)
            ? (NumberingStore.LetterScope(n[..open], year), NumberingStore.LetterKey(proposalId, round), number)
            : null;
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
