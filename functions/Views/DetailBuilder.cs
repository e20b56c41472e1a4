using Replies.Workflows.Directory;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Functions.Views;

/// <summary>Builds the full view of one item for one person: the working papers only for those who handle it.</summary>
public sealed class DetailBuilder(ProposalStore store, DraftStore drafts, OpinionStore opinions, Handling.DraftCoverageReader coverage, Attachments.AttachmentIntake attachments, TimeProvider time)
{
    public async Task<ProposalDetail> BuildAsync(DirectoryPerson user, ProposalSnapshot s, CancellationToken cancellationToken)
    {
        var id = Uri.EscapeDataString(s.ProposalId);
        var working = Access.SeesWorkingPapers(user, s);
        var history = store.GetAuditAsync(s.ProposalId, cancellationToken);
        var versions = working ? drafts.ListAsync(s.ProposalId, cancellationToken) : Task.FromResult<IReadOnlyList<DraftVersion>>([]);
        var opinions = working && s.CoHandlers.Count > 0 ? OpinionsAsync(s, cancellationToken) : Task.FromResult<IReadOnlyList<OpinionEntry>>([]);
        var text = store.GetTextAsync(s.ProposalId, cancellationToken);
        var files = attachments.ListAsync(user, s, cancellationToken);
        await Task.WhenAll(history, versions, opinions, text, files);

        // How the draft answers each ask: the version sent for approval while it waits, else the latest saved.
        var answered = working && (s.Stage is ProposalStage.AwaitingApproval or ProposalStage.AwaitingClerkReview ? s.DraftVersion : versions.Result.Select(v => (int?)v.Version).Max()) is { } shown
            ? await coverage.ReadAsync(s, shown, cancellationToken)
            : null;

        // The check of the version sent for approval (asks left out included): the handler sees the list, the leader
        // whether it was clean.
        var check = working && s.DraftVersion is { } submitted
            ? await Handling.DraftCheck.RunCheckAsync(s, submitted, null, drafts, store, cancellationToken, answered)
            : null;
        var letters = s.Letters.Select(l => new LetterEntry(RoundOf(l.BlobName), l.LetterNumber, l.DraftVersion, l.IssuedAt, l.SignedBy, $"/api/proposals/{id}/letters/{RoundOf(l.BlobName)}")).ToList();
        var visible = working ? s : ForProposer(s);
        return new ProposalDetail(
            ProposalSummary.Of(s, ChinaTime.Today(time)),
            visible,
            working ? history.Result : [.. history.Result.Select(a => a with { ActorId = "" })],
            working ? [.. versions.Result.Select(v => new DraftEntry(v.Version, v.Author, v.SavedAt, $"/api/proposals/{id}/drafts/{v.Version}"))] : null,
            letters,
            working ? opinions.Result : null,
            [.. Access.Available(user, s)],
            text.Result,
            check,
            answered,
            files.Result);
    }

    public static int RoundOf(string blobName) =>
        int.Parse(blobName.AsSpan(blobName.LastIndexOf("-r", StringComparison.Ordinal) + 2).TrimEnd(".docx"), System.Globalization.CultureInfo.InvariantCulture);

    // A proposer sees the item's course, not the departments' internal requests and comments.
    private static ProposalSnapshot ForProposer(ProposalSnapshot s) => s with
    {
        PendingReassignments = [],
        PendingExtension = null,
        ReturnComments = null,
        ApprovedBy = null,
    };

    private async Task<IReadOnlyList<OpinionEntry>> OpinionsAsync(ProposalSnapshot s, CancellationToken cancellationToken)
    {
        var rows = await opinions.ListAsync(s.ProposalId, cancellationToken);
        return [.. s.CoHandlers.Where(c => c != s.LeadDepartment).Select(dept =>
        {
            var row = rows.FirstOrDefault(r => r.Department == dept);
            return row is null
                ? new OpinionEntry(dept, false, null, null, null, false)
                : new OpinionEntry(dept, row.Opinion is not null, row.Opinion, row.By, row.At, row.Late);
        })];
    }
}
