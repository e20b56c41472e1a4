using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Replies.Functions.Decisions;
using Replies.Functions.Web;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Functions.Handling;

/// <summary>
/// POST /api/proposals/{id}/opinions: a co-handling department sends its opinion (会办意见) to the lead. It goes to that
/// department's own co-handling orchestration; the answer says once the opinion is stored where the lead reads it.
/// The item page's form gives the same command (<see cref="IItemCommand"/>).
/// </summary>
public sealed class SendCoHandlingOpinion(DecisionPipeline decisions, OpinionStore opinions, TimeProvider time) : IItemCommand
{
    [Function(nameof(SendCoHandlingOpinion))]
    [Authorize(Policy = Policies.DepartmentStaff)]
    [EndpointSummary("提交会办意见")]
    [Tags("handling")]
    [RequestBody(typeof(Request))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/opinions")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        ApiCommand.RunAsync<Request>(request, client, (caller, body) => HandleAsync(caller, id, body, cancellationToken), cancellationToken);

    public Decision Decision => DecisionCatalog.SendOpinion;

    public Type Fields => typeof(SendCoHandlingOpinionFields);

    public Task<CommandResult> GiveAsync(Caller caller, string id, FormInput input, CancellationToken cancellationToken) =>
        HandleAsync(caller, id, new(input.Value("Input.Opinion")), cancellationToken);

    public sealed record Request(string? Opinion);

    public async Task<CommandResult> HandleAsync(Caller caller, string id, Request request, CancellationToken cancellationToken)
    {
        var user = caller.Person;
        var errors = new FieldErrors();
        var opinion = errors.Text("opinion", request.Opinion, "会办意见", 10_000, 5);
        var (snapshot, problem) = await decisions.AdmitAsync(user, id, DecisionCatalog.SendOpinion, errors, cancellationToken);
        if (snapshot is null)
        {
            return problem!;
        }

        var department = user.DepartmentId!;
        var row = await opinions.GetAsync(id, department, cancellationToken);
        if (row?.Opinion is not null)
        {
            return Problems.Conflict("贵单位已提交会办意见。");
        }

        if (row is not null)
        {
            return Problems.WrongStage(snapshot.Stage, "会办意见的接收期限已过。");
        }

        var (requestId, keyProblem) = DecisionPipeline.RequestIdOf(caller);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        var sent = new CoHandlingOpinionSent(requestId, user.ToActor(), opinion);
        await caller.Client.SendDecisionAsync(CoHandlingOpinion.InstanceIdFor(id, department), sent, time, cancellationToken);
        return CommandResult.Accepted($"/api/proposals/{Uri.EscapeDataString(id)}", new Pending(requestId, "已送达主办单位"));
    }
}
