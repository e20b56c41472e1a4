using Replies.Functions.Approval;
using Replies.Functions.Assignment;
using Replies.Functions.Deadlines;
using Replies.Functions.Feedback;
using Replies.Functions.Filing;
using Replies.Functions.Handling;
using Replies.Functions.Proposals;

namespace Replies.Functions.Web;

/// <summary>
/// The item page's forms, each given to the same command the API gives: one form record carries every action's
/// fields, mapped here onto that action's request, so validation stays in one place (the command's).
/// </summary>
public sealed class ItemActions(
    AnswerCoSignCommand cosign,
    DecideFilingCommand filing,
    AssignProposalCommand assign,
    MarkKeyItemCommand markKey,
    SignForCommand signFor,
    RequestReassignmentCommand requestReassignment,
    DecideReassignmentCommand decideReassignment,
    RecordContactCommand recordContact,
    SaveDraftCommand saveDraft,
    SubmitForApprovalCommand submitForApproval,
    DecideApprovalCommand approve,
    ClerkReviewCommand clerkReview,
    GiveFeedbackCommand feedback,
    RequestExtensionCommand requestExtension,
    DecideExtensionCommand decideExtension,
    SendCoHandlingOpinionCommand sendOpinion)
{
    /// <summary>Gives the action named by the form; null for a name no form carries.</summary>
    public Task<CommandResult>? Give(string act, Caller caller, string id, ActionInput i, CancellationToken ct) => act switch
    {
        "cosign" => cosign.HandleAsync(caller, id, new(i.Confirmed), ct),
        "filing" => filing.HandleAsync(caller, id, new(i.Decision, i.MergeInto, i.Reason, i.Asks.Count > 0 ? i.Asks : null), ct),
        "assign" => assign.HandleAsync(caller, id, new(i.LeadDepartment, i.CoHandlers), ct),
        "markKey" => markKey.HandleAsync(caller, id, new(i.IsKey, i.SupervisingLeader), ct),
        "signFor" => signFor.HandleAsync(caller, id, ct),
        "requestReassignment" => requestReassignment.HandleAsync(caller, id, new(i.Reason), ct),
        "decideReassignment" => decideReassignment.HandleAsync(caller, id, new(i.Department, i.Approved, i.LeadDepartment, i.LeadDepartment is null ? null : i.CoHandlers, i.Comment), ct),
        "recordContact" => recordContact.HandleAsync(caller, id, new(i.Date, i.Form, i.Summary), ct),
        "saveDraft" => saveDraft.HandleAsync(caller, id, new(i.Text), ct),
        "submitForApproval" => submitForApproval.HandleAsync(caller, id, new(i.DraftVersion, i.ResultClass, i.Disclosure, i.HandlerName, i.HandlerPhone), ct),
        "approve" => approve.HandleAsync(caller, id, new(i.Approved, i.Comments), ct),
        "clerkReview" => clerkReview.HandleAsync(caller, id, new(i.Approved, i.ResultClass, i.Comments), ct),
        "feedback" => feedback.HandleAsync(caller, id, new(i.Rating, i.Comment), ct),
        "requestExtension" => requestExtension.HandleAsync(caller, id, new(i.Until, i.Reason), ct),
        "decideExtension" => decideExtension.HandleAsync(caller, id, new(i.Approved, i.Until, i.Comment), ct),
        "sendOpinion" => sendOpinion.HandleAsync(caller, id, new(i.Opinion), ct),
        _ => null,
    };
}
