using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Functions.Views;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Handling;

/// <summary>POST /api/proposals/{id}/extension-requests: the lead department asks for a later reply deadline (申请延期).</summary>
internal static class RequestExtension
{
    public sealed record Request(DateOnly? Until, string? Reason);

    public static void Map(IEndpointRouteBuilder api) => api.MapPost("proposals/{id}/extension-requests", RunAsync)
        .WithName(nameof(RequestExtension)).WithSummary("申请延期答复").WithTags("handling")
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
        var time = http.RequestServices.GetRequiredService<TimeProvider>();

        var errors = new FieldErrors();
        var until = errors.Required("until", request.Until, "延期至日期");
        if (request.Until is not null && until <= ChinaClock.Today(time))
        {
            errors.Add("until", "延期至日期须晚于今天。");
        }

        var reason = errors.Text("reason", request.Reason, "延期理由", 500, 5);
        return errors.Any
            ? Problems.Validation(errors)
            : await decisions.SendAsync(http, id, "requestExtension", (actor, rid) => new ExtensionRequested(rid, actor, until, reason), cancellationToken);
    }
}
