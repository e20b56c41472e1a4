namespace Replies.Functions.Startup;

/// <summary>Every HTTP function, by feature; each maps its own route, method, name and policy.</summary>
internal static class FunctionCatalog
{
    public static void MapFunctions(this IEndpointRouteBuilder app, bool devSignIn)
    {
        var api = app.MapGroup("/api");
        Health.GetHealth.Map(api);

        Proposals.SubmitProposal.Map(api);
        Proposals.GetProposal.Map(api);
        Proposals.ListMyProposals.Map(api);
        Proposals.AnswerCoSign.Map(api);
        Proposals.GetRequestOutcome.Map(api);

        Filing.DecideFiling.Map(api);

        Assignment.AssignProposal.Map(api);
        Assignment.MarkKeyItem.Map(api);
        Assignment.DecideReassignment.Map(api);

        Handling.SignFor.Map(api);
        Handling.RequestReassignment.Map(api);
        Handling.RecordContact.Map(api);
        Handling.SaveDraft.Map(api);
        Handling.DownloadDraft.Map(api);
        Handling.SubmitForApproval.Map(api);
        Handling.SendCoHandlingOpinion.Map(api);
        Handling.RequestExtension.Map(api);
        Handling.DepartmentInbox.Map(api);
        Handling.CheckDraft.Map(api);

        Approval.DecideApproval.Map(api);
        Approval.ListAwaitingApproval.Map(api);
        Approval.ClerkReview.Map(api);

        Replies.DownloadLetter.Map(api);
        Replies.ListPublishedReplies.Map(api);
        Replies.GetPublishedReply.Map(api);

        Feedback.GiveFeedback.Map(api);

        Deadlines.DecideExtension.Map(api);
        Deadlines.DeadlineBoard.Map(api);
        Deadlines.ListPendingRequests.Map(api);

        Reports.ListProposals.Map(api);
        Reports.ExportLedger.Map(api);
        Reports.GetMetrics.Map(api);

        Search.SearchAll.Map(api);
        Search.FindSimilar.Map(api);
        Search.SimilarWhileWriting.Map(api);
        Search.DraftingHelp.Map(api);

        Library.UploadLibraryDocument.Map(api);
        Library.ListLibrary.Map(api);

        Directory.GetMe.Map(api);
        Directory.ListDepartments.Map(api);
        Directory.ListPeople.Map(api);
        Directory.SavePerson.Map(api);
        Directory.SaveDepartment.Map(api);

        if (devSignIn)
        {
            Dev.DevSignIn.Map(api);
        }
    }
}
