using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Proposals;

/// <summary>POST /api/proposals/{id}/cosign: an invited deputy or member confirms or refuses co-signing (联名).</summary>
internal static class AnswerCoSign
{
    public sealed record Request(bool? Confirmed);

    public static void Map(IEndpointRouteBuilder api) => api.MapPost("proposals/{id}/cosign", RunAsync)
        .WithName(nameof(AnswerCoSign)).WithSummary("确认或拒绝联名").WithTags("proposals")
        .Accepts<Request>("application/json").RequireAuthorization(Policies.Proposer);

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
        var confirmed = errors.Required("confirmed", request.Confirmed, "是否同意联名");
        return errors.Any
            ? Problems.Validation(errors)
            : await decisions.SendAsync(http, id, "cosign", (actor, rid) => new CoSignAnswered(rid, actor, confirmed), cancellationToken);
    }
}
