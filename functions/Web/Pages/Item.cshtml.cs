using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Replies.Functions.Identity;
using Replies.Functions.Views;
using Replies.Workflows.Directory;
using Replies.Workflows.Storage;

namespace Replies.Functions.Web.Pages;

/// <summary>
/// One item: its text, letters and course on a timeline, and a form for each action the person can take now (the
/// same list the API gives). A form that is refused comes back with the messages beside its fields and what was typed.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ItemModel(Http.Decisions decisions, ProposalStore store, DetailBuilder details, DraftStore drafts, DirectoryStore directory, Workflows.Search.SearchIndexer indexer, ProposalCatalog catalog) : PageModel
{
    public ProposalDetail Detail { get; private set; } = null!;

    [BindProperty]
    public ActionInput Input { get; set; } = new();

    /// <summary>The action whose form is open (the one just refused, so it shows with its messages).</summary>
    public string? Active { get; private set; }

    /// <summary>The latest draft's text, to continue from.</summary>
    public string? LatestDraft { get; private set; }

    /// <summary>The latest two versions compared, when there are two.</summary>
    public IReadOnlyList<DiffLine>? Changes { get; private set; }

    /// <summary>Items most like this one, for the clerk filing it (merge a duplicate) and the department answering it.</summary>
    public IReadOnlyList<Workflows.Search.SearchHit> Similar { get; private set; } = [];

    /// <summary>Passages of the policy library and earlier replies, for the lead department's draft.</summary>
    public Search.DraftingHelp.Help? Help { get; private set; }

    [TempData]
    public string? Flash { get; set; }

    public IReadOnlyList<Department> Departments => directory.Departments;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string id, string act, CancellationToken cancellationToken)
    {
        if (ActAsync(id, act, cancellationToken) is not { } acting)
        {
            return BadRequest();
        }

        // A value the form could not even bind (a date typed wrong) is reported beside its field like any other.
        var result = await acting;
        if (ModelState.IsValid && ActionResults.Accepted(result, ModelState))
        {
            Flash = "已提交：" + (Labels.TryGetValue(act, out var label) ? label : act);
            return Redirect($"/items/{Uri.EscapeDataString(id)}");
        }

        Active = act;
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    /// <summary>What each action is called on its button.</summary>
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        ["cosign"] = "答复联名邀请",
        ["filing"] = "立案审查",
        ["assign"] = "交办",
        ["markKey"] = "确定重点",
        ["signFor"] = "签收",
        ["requestReassignment"] = "申请调整",
        ["decideReassignment"] = "决定调整申请",
        ["recordContact"] = "记录沟通情况",
        ["saveDraft"] = "保存答复稿",
        ["submitForApproval"] = "送审",
        ["approve"] = "审签",
        ["clerkReview"] = "督办审核",
        ["feedback"] = "满意度测评",
        ["requestExtension"] = "申请延期",
        ["decideExtension"] = "决定延期申请",
        ["sendOpinion"] = "提交会办意见",
    };

    private Task<IResult>? ActAsync(string id, string act, CancellationToken ct)
    {
        var i = Input;
        return act switch
        {
            "cosign" => Proposals.AnswerCoSign.ActAsync(id, HttpContext, new(i.Confirmed), ct),
            "filing" => Filing.DecideFiling.ActAsync(id, HttpContext, new(i.Decision, i.MergeInto, i.Reason), ct),
            "assign" => Assignment.AssignProposal.ActAsync(id, HttpContext, new(i.LeadDepartment, i.CoHandlers), ct),
            "markKey" => Assignment.MarkKeyItem.ActAsync(id, HttpContext, new(i.IsKey, i.SupervisingLeader), ct),
            "signFor" => Handling.SignFor.ActAsync(id, HttpContext, ct),
            "requestReassignment" => Handling.RequestReassignment.ActAsync(id, HttpContext, new(i.Reason), ct),
            "decideReassignment" => Assignment.DecideReassignment.ActAsync(id, HttpContext, new(i.Department, i.Approved, i.LeadDepartment, i.LeadDepartment is null ? null : i.CoHandlers, i.Comment), ct),
            "recordContact" => Handling.RecordContact.ActAsync(id, HttpContext, new(i.Date, i.Form, i.Summary), ct),
            "saveDraft" => Handling.SaveDraft.ActAsync(id, HttpContext, new(i.Text), ct),
            "submitForApproval" => Handling.SubmitForApproval.ActAsync(id, HttpContext, new(i.DraftVersion, i.ResultClass, i.Disclosure, i.HandlerName, i.HandlerPhone), ct),
            "approve" => Approval.DecideApproval.ActAsync(id, HttpContext, new(i.Approved, i.Comments), ct),
            "clerkReview" => Approval.ClerkReview.ActAsync(id, HttpContext, new(i.Approved, i.ResultClass, i.Comments), ct),
            "feedback" => Feedback.GiveFeedback.ActAsync(id, HttpContext, new(i.Rating, i.Comment), ct),
            "requestExtension" => Handling.RequestExtension.ActAsync(id, HttpContext, new(i.Until, i.Reason), ct),
            "decideExtension" => Deadlines.DecideExtension.ActAsync(id, HttpContext, new(i.Approved, i.Until, i.Comment), ct),
            "sendOpinion" => Handling.SendCoHandlingOpinion.ActAsync(id, HttpContext, new(i.Opinion), ct),
            _ => null,
        };
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var user = HttpContext.Person()!;
        var (snapshot, _) = await decisions.LoadAsync(user, id, cancellationToken);
        if (snapshot is null)
        {
            return false;
        }

        Detail = await details.BuildAsync(user, snapshot, cancellationToken);
        if (Detail.Drafts is { Count: > 0 } versions)
        {
            LatestDraft = (await drafts.GetAsync(id, versions[^1].Version, cancellationToken))?.Text;
            if (versions.Count > 1 && LatestDraft is not null && await drafts.GetAsync(id, versions[^2].Version, cancellationToken) is { } earlier)
            {
                Changes = LineDiff.Compare(earlier.Text, LatestDraft);
            }
        }

        if (user.Role != Role.Proposer)
        {
            Similar = Search.FindSimilar.Find(user, snapshot, Detail.Text?.Body, 5, indexer, catalog);
        }

        if (Detail.Actions.Contains("saveDraft"))
        {
            Help = await Search.DraftingHelp.BuildAsync(user, snapshot, 4, store, drafts, indexer, catalog, cancellationToken);
        }

        return true;
    }
}
