using Microsoft.DurableTask.Client;
using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Functions.Handling;

/// <summary>
/// POST /api/proposals/{id}/opinions: a co-handling department sends its opinion (会办意见) to the lead. It goes to that
/// department's own co-handling orchestration; the answer says once the opinion is stored where the lead reads it.
/// </summary>
internal static class SendCoHandlingOpinion
{
    public sealed record Request(string? Opinion);

    public static void Map(IEndpointRouteBuilder api) => api.MapPost("proposals/{id}/opinions", RunAsync)
        .WithName(nameof(SendCoHandlingOpinion)).WithSummary("提交会办意见").WithTags("handling")
        .Accepts<Request>("application/json").RequireAuthorization(Policies.DepartmentStaff);

    private static async Task<IResult> RunAsync(string id, HttpContext http, CancellationToken cancellationToken)
    {
        var (request, problem) = await RequestBody.ReadAsync<Request>(http.Request, cancellationToken);
        return request is null ? problem! : await ActAsync(id, http, request, cancellationToken);
    }

    /// <summary>Sends the opinion; the API and the pages both come here.</summary>
    internal static async Task<IResult> ActAsync(string id, HttpContext http, Request request, CancellationToken cancellationToken)
    {
        var decisions = http.RequestServices.GetRequiredService<Decisions>();
        var client = http.RequestServices.GetRequiredService<DurableTaskClient>();
        var storage = http.RequestServices.GetRequiredService<ReplyStorage>();
        var user = http.Person()!;
        var (snapshot, problem) = await decisions.LoadAsync(user, id, cancellationToken);
        if (snapshot is null)
        {
            return problem!;
        }

        if (!Access.Action("sendOpinion").IsAllowed(user, snapshot))
        {
            return Problems.Forbidden("只有会办单位可以提交会办意见。");
        }

        var errors = new FieldErrors();
        var opinion = errors.Text("opinion", request.Opinion, "会办意见", 10_000, 5);
        if (errors.Any)
        {
            return Problems.Validation(errors);
        }

        if (!ActionStages.Allows(nameof(CoHandlingOpinionSent), snapshot.Stage))
        {
            return Problems.WrongStage(snapshot.Stage, $"本件当前处于「{Labels.Of(snapshot.Stage)}」阶段，不再接收会办意见。");
        }

        var department = user.DepartmentId!;
        var row = await storage.Opinions.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(id, department, cancellationToken: cancellationToken);
        if (row.HasValue && row.Value!.GetBoolean("Received") == true)
        {
            return Problems.Conflict("贵单位已提交会办意见。");
        }

        if (row.HasValue)
        {
            return Problems.WrongStage(snapshot.Stage, "会办意见的接收期限已过。");
        }

        var (requestId, keyProblem) = Decisions.RequestIdOf(http, user.PersonId);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        var sent = new CoHandlingOpinionSent(requestId, user.ToActor(), opinion);
        await client.SendDecisionAsync(CoHandlingOpinion.InstanceIdFor(id, department), sent, http.RequestServices.GetRequiredService<TimeProvider>(), cancellationToken);
        return TypedResults.Accepted($"/api/proposals/{Uri.EscapeDataString(id)}", new { requestId, status = "已送达主办单位" });
    }
}
