using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Functions.Handling;

/// <summary>The command behind <see cref="SendCoHandlingOpinion"/>; the API and the item page give it alike.</summary>
public sealed class SendCoHandlingOpinionCommand(Decisions decisions, OpinionStore opinions, TimeProvider time)
{
    public sealed record Request(string? Opinion);

    public async Task<CommandResult> HandleAsync(Caller caller, string id, Request request, CancellationToken cancellationToken)
    {
        var user = caller.Person;
        var (snapshot, problem) = await decisions.LoadAsync(user, id, cancellationToken);
        if (snapshot is null)
        {
            return problem!;
        }

        if (!Access.Action("sendOpinion").Allows(user, snapshot))
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
        var row = await opinions.GetAsync(id, department, cancellationToken);
        if (row?.Opinion is not null)
        {
            return Problems.Conflict("贵单位已提交会办意见。");
        }

        if (row is not null)
        {
            return Problems.WrongStage(snapshot.Stage, "会办意见的接收期限已过。");
        }

        var (requestId, keyProblem) = Decisions.RequestIdOf(caller);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        var sent = new CoHandlingOpinionSent(requestId, user.ToActor(), opinion);
        await caller.Client.SendDecisionAsync(CoHandlingOpinion.InstanceIdFor(id, department), sent, time, cancellationToken);
        return CommandResult.Accepted($"/api/proposals/{Uri.EscapeDataString(id)}", new Pending(requestId, "已送达主办单位"));
    }
}
