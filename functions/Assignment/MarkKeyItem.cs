using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Assignment;

/// <summary>POST /api/proposals/{id}/key: the clerk office marks or unmarks a key item (重点建议/提案) and its supervising leader.</summary>
internal static class MarkKeyItem
{
    public sealed record Request(bool? IsKey, string? SupervisingLeader);

    public static void Map(IEndpointRouteBuilder api) => api.MapPost("proposals/{id}/key", RunAsync)
        .WithName(nameof(MarkKeyItem)).WithSummary("确定或取消重点建议、提案").WithTags("assignment")
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

        var errors = new FieldErrors();
        var isKey = errors.Required("isKey", request.IsKey, "是否重点");
        var leader = errors.Optional("supervisingLeader", request.SupervisingLeader, "领办领导", 30);
        return errors.Any
            ? Problems.Validation(errors)
            : await decisions.SendAsync(http, id, "markKey", (actor, rid) => new KeyItemMarked(rid, actor, isKey, isKey ? leader : null), cancellationToken);
    }
}
