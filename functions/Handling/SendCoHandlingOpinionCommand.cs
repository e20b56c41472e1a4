using Replies.Functions.Decisions;
using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Functions.Web;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Functions.Handling;

/// <summary>The command behind <see cref="SendCoHandlingOpinion"/>; the API and the item page give it alike.</summary>
public sealed class SendCoHandlingOpinionCommand(DecisionPipeline decisions, OpinionStore opinions, TimeProvider time) : IItemCommand
{
    public Decision Decision => DecisionCatalog.SendOpinion;

    public Type Fields => typeof(SendCoHandlingOpinionFields);

    public Task<CommandResult> GiveAsync(Caller caller, string id, ActionInput input, CancellationToken cancellationToken) =>
        HandleAsync(caller, id, new(input.Opinion), cancellationToken);

    public sealed record Request(string? Opinion);

    public async Task<CommandResult> HandleAsync(Caller caller, string id, Request request, CancellationToken cancellationToken)
    {
        var user = caller.Person;
        var (snapshot, problem) = await decisions.LoadAsync(user, id, cancellationToken);
        if (snapshot is null)
        {
            return problem!;
        }

        var refusal = DecisionCatalog.SendOpinion.Check(user.ToActor(), snapshot);
        if (refusal is { NotNow: false })
        {
            return Problems.Forbidden(refusal.Message);
        }

        var errors = new FieldErrors();
        var opinion = errors.Text("opinion", request.Opinion, "会办意见", 10_000, 5);
        if (errors.Any)
        {
            return Problems.Validation(errors);
        }

        if (refusal is not null)
        {
            return Problems.WrongStage(snapshot.Stage, refusal.Message);
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
