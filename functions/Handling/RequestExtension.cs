using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Replies.Functions.Decisions;
using Replies.Functions.Views;
using Replies.Functions.Web;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Handling;

/// <summary>POST /api/proposals/{id}/extension-requests: the lead department asks for a later reply deadline (申请延期). The item page's form gives the same command.</summary>
public sealed class RequestExtension(DecisionPipeline decisions, TimeProvider time) : DecisionFunction<RequestExtension.Request, ExtensionRequested>(decisions, DecisionCatalog.RequestExtension)
{
    [Function(nameof(RequestExtension))]
    [Authorize(Policy = Policies.DepartmentStaff)]
    [EndpointSummary("申请延期答复")]
    [Tags("handling")]
    [RequestBody(typeof(Request))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/extension-requests")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        AnswerAsync(request, id, client, cancellationToken);

    public override Type Fields => typeof(RequestExtensionFields);

    protected override Request FromForm(ActionInput input) => new(input.Until, input.Reason);

    public sealed record Request(DateOnly? Until, string? Reason);

    protected override Func<Actor, string, ExtensionRequested> Check(Request request, FieldErrors errors)
    {
        var until = errors.Required("until", request.Until, "延期至日期");
        if (request.Until is not null && until <= ChinaTime.Today(time))
        {
            errors.Add("until", "延期至日期须晚于今天。");
        }
        else if (request.Until is not null && until > ChinaTime.Today(time).AddYears(1))
        {
            errors.Add("until", "延期至日期不能晚于一年后，请按公历填写。");
        }

        var reason = errors.Text("reason", request.Reason, "延期理由", 500, 5);
        return (actor, rid) => new ExtensionRequested(rid, actor, until, reason);
    }
}
