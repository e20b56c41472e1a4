using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Approval;

/// <summary>
/// POST /api/proposals/{id}/approval: the lead department's leader approves the draft (审签) or returns it with
/// comments. Approval issues the reply letter (or sends it to the clerk office's review first, if the rules say so).
/// </summary>
internal static class DecideApproval
{
    public sealed record Request(bool? Approved, string? Comments);

    public static void Map(IEndpointRouteBuilder api) => api.MapPost("proposals/{id}/approval", RunAsync)
        .WithName(nameof(DecideApproval)).WithSummary("审签：同意或退回修改").WithTags("approval")
        .Accepts<Request>("application/json").RequireAuthorization(Policies.Leader);

    private static async Task<IResult> RunAsync(string id, HttpContext http, CancellationToken cancellationToken)
    {
        var (request, problem) = await RequestBody.ReadAsync<Request>(http.Request, cancellationToken);
        return request is null ? problem! : await ActAsync(id, http, request, cancellationToken);
    }

    /// <summary>Validates the request and sends the decision; the API and the pages both come here.</summary>
    internal static async Task<IResult> ActAsync(string id, HttpContext http, Request request, CancellationToken cancellationToken)
    {
        var decisions = http.RequestServices.GetRequiredService<Decisions>();

        var errors = new FieldErrors();
        var approved = errors.Required("approved", request.Approved, "审签意见");
        var comments = errors.Optional("comments", request.Comments, "意见", 2000);
        if (request.Approved == false && comments is null)
        {
            errors.Add("comments", "退回修改须填写意见。");
        }

        return errors.Any
            ? Problems.Validation(errors)
            : await decisions.SendAsync(http, id, "approve", (actor, rid) => new ApprovalDecided(rid, actor, approved, comments), cancellationToken);
    }
}
