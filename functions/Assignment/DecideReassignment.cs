using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Workflows.Directory;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Assignment;

/// <summary>
/// POST /api/proposals/{id}/reassignment-decisions: the clerk office decides a department's request to be relieved;
/// approving a lead's request names the new lead (and may change the co-handlers).
/// </summary>
internal static class DecideReassignment
{
    public sealed record Request(string? Department, bool? Approved, string? NewLeadDepartment, IReadOnlyList<string>? NewCoHandlers, string? Comment);

    public static void Map(IEndpointRouteBuilder api) => api.MapPost("proposals/{id}/reassignment-decisions", RunAsync)
        .WithName(nameof(DecideReassignment)).WithSummary("决定调整申请").WithTags("assignment")
        .Accepts<Request>("application/json").RequireAuthorization(Policies.Clerk);

    private static async Task<IResult> RunAsync(string id, HttpContext http, CancellationToken cancellationToken)
    {
        var (request, problem) = await RequestBody.ReadAsync<Request>(http.Request, cancellationToken);
        return request is null ? problem! : await ActAsync(id, http, request, cancellationToken);
    }

    /// <summary>Validates the request and sends the decision; the API and the pages both come here.</summary>
    internal static async Task<IResult> ActAsync(string id, HttpContext http, Request request, CancellationToken cancellationToken)
    {
        var decisions = http.RequestServices.GetRequiredService<Decisions>();
        var directory = http.RequestServices.GetRequiredService<DirectoryStore>();

        var errors = new FieldErrors();
        var department = errors.Text("department", request.Department, "申请单位", 60);
        var approved = errors.Required("approved", request.Approved, "是否同意");
        var comment = errors.Optional("comment", request.Comment, "意见", 500);
        string? lead = null;
        IReadOnlyList<string>? co = null;
        if (approved && (request.NewLeadDepartment is not null || request.NewCoHandlers is not null))
        {
            (lead, co) = Departments.Check(errors, directory, request.NewLeadDepartment, request.NewCoHandlers, "newLeadDepartment", "newCoHandlers");
        }

        return errors.Any
            ? Problems.Validation(errors)
            : await decisions.SendAsync(http, id, "decideReassignment", (actor, rid) => new ReassignmentDecided(rid, actor, department, approved, lead, co, comment), cancellationToken);
    }
}
