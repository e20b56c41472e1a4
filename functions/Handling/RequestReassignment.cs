using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Handling;

/// <summary>POST /api/proposals/{id}/reassignment-requests: the department asks to be relieved (申请调整), with the reason.</summary>
internal static class RequestReassignment
{
    public sealed record Request(string? Reason);

    public static void Map(IEndpointRouteBuilder api) => api.MapPost("proposals/{id}/reassignment-requests", RunAsync)
        .WithName(nameof(RequestReassignment)).WithSummary("申请调整承办单位").WithTags("handling")
        .Accepts<Request>("application/json").RequireAuthorization(Policies.DepartmentStaff);

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
        var reason = errors.Text("reason", request.Reason, "申请理由", 500, 5);
        return errors.Any
            ? Problems.Validation(errors)
            : await decisions.SendAsync(http, id, "requestReassignment", (actor, rid) => new ReassignmentRequested(rid, actor, reason), cancellationToken);
    }
}
