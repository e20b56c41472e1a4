using Replies.Functions.Decisions;
using Replies.Functions.Search;
using Replies.Functions.Views;
using Replies.Workflows.Directory;
using Replies.Workflows.Search;
using Replies.Workflows.Storage;

namespace Replies.Functions.Web;

/// <summary>Gathers what the item page shows a person: the detail, the latest draft and its changes, similar items, drafting help.</summary>
public sealed class ItemPageModel(DecisionPipeline decisions, DetailBuilder details, ProposalStore store, DraftStore drafts, DirectoryStore directory, SharedIndexReader indexer, Microsoft.Extensions.Options.IOptions<Startup.IntakeOptions> intake, TimeProvider time)
{
    /// <summary>The page's parameters, or null when the person may not see the item.</summary>
    public async Task<Dictionary<string, object?>?> BuildAsync(DirectoryPerson user, string id, ItemForm form, CancellationToken cancellationToken)
    {
        var (snapshot, _) = await decisions.LoadAsync(user, id, cancellationToken);
        if (snapshot is null)
        {
            return null;
        }

        var detail = await details.BuildAsync(user, snapshot, cancellationToken);
        await indexer.ReadyAsync(cancellationToken);
        string? latest = null;
        IReadOnlyList<DiffLine>? changes = null;
        if (detail.Drafts is { Count: > 0 } versions)
        {
            latest = (await drafts.GetAsync(id, versions[^1].Version, cancellationToken))?.Text;
            if (versions.Count > 1 && latest is not null && await drafts.GetAsync(id, versions[^2].Version, cancellationToken) is { } earlier)
            {
                changes = LineDiff.Compare(earlier.Text, latest);
            }
        }

        // What the leader approves (and the clerk reviews): the text of the version sent for approval, on the page.
        string? submitted = null;
        if (detail.Drafts is { Count: > 0 } && snapshot.DraftVersion is { } version && snapshot.Stage is Workflows.ProposalStage.AwaitingApproval or Workflows.ProposalStage.AwaitingClerkReview)
        {
            submitted = (await drafts.GetAsync(id, version, cancellationToken))?.Text;
        }

        return new Dictionary<string, object?>
        {
            ["Detail"] = detail,
            ["SubmittedDraft"] = submitted,
            ["Form"] = form,
            ["LatestDraft"] = latest,
            ["Changes"] = changes,
            ["Similar"] = user.Role != Role.Proposer ? SimilarItems.Find(user, snapshot, detail.Text?.Body, 5, indexer) : [],
            ["Help"] = detail.Actions.Contains("saveDraft") ? await DraftingHelpView.BuildAsync(user, snapshot, 4, store, drafts, indexer, cancellationToken) : null,
            ["Departments"] = directory.Departments,
            ["Today"] = ChinaTime.Today(time),
            ["AttachParts"] = Enum.GetValues<AttachmentPart>().Where(part => Workflows.Lifecycle.Permissions.MayAttach(user.ToActor(), snapshot, part) is null).ToList(),
            ["AttachLimits"] = $"单个不超过{intake.Value.MaxAttachmentBytes / 1024d / 1024:0.#} MB；{Workflows.Intake.FileKinds.Accepted}",
        };
    }
}
