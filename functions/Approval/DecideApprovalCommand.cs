using Replies.Functions.Http;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Approval;

/// <summary>The command behind <see cref="DecideApproval"/>; the API and the item page give it alike.</summary>
public sealed class DecideApprovalCommand(Decisions decisions)
{
    public sealed record Request(bool? Approved, string? Comments);

    public async Task<CommandResult> HandleAsync(Caller caller, string id, Request request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var approved = errors.Required("approved", request.Approved, "审签意见");
        var comments = errors.Optional("comments", request.Comments, "意见", 2000);
        if (request.Approved == false && comments is null)
        {
            errors.Add("comments", "退回修改须填写意见。");
        }

        return errors.Any
            ? Problems.Validation(errors)
            : await decisions.SendAsync(caller, id, "approve", (actor, rid) => new ApprovalDecided(rid, actor, approved, comments), cancellationToken);
    }
}
