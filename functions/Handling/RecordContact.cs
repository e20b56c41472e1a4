using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Replies.Functions.Decisions;
using Replies.Functions.Views;
using Replies.Functions.Web;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Handling;

/// <summary>POST /api/proposals/{id}/contacts: the lead department records a contact with the proposer (沟通/见面). The item page's form gives the same command.</summary>
public sealed class RecordContact(DecisionPipeline decisions, TimeProvider time) : DecisionFunction<RecordContact.Request, ContactRecorded>(decisions, DecisionCatalog.RecordContact)
{
    [Function(nameof(RecordContact))]
    [Authorize(Policy = Policies.DepartmentStaff)]
    [EndpointSummary("记录与提出人的沟通")]
    [Tags("handling")]
    [RequestBody(typeof(Request))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/contacts")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        AnswerAsync(request, id, client, cancellationToken);

    public override Type Fields => typeof(RecordContactFields);

    protected override Request FromForm(ActionInput input) => new(input.Date, input.Form, input.Summary);

    /// <summary>The forms a contact can take; the first four count as meeting in person (见面).</summary>
    public static readonly IReadOnlyList<string> Forms = ["当面", "座谈", "走访", "调研", "电话", "视频", "书面"];

    public sealed record Request(DateOnly? Date, string? Form, string? Summary);

    protected override Func<Actor, string, ContactRecorded> Check(Request request, FieldErrors errors)
    {
        var date = errors.Required("date", request.Date, "沟通日期");
        if (request.Date is not null && date > ChinaTime.Today(time))
        {
            errors.Add("date", "沟通日期不能晚于今天。");
        }
        else if (request.Date is not null && date < ChinaTime.Today(time).AddYears(-1))
        {
            // A year in another calendar (民国, 伊斯兰历) written as an ISO date lands centuries away.
            errors.Add("date", "沟通日期不能早于一年前，请按公历填写。");
        }

        var form = errors.Text("form", request.Form, "沟通方式", 10);
        if (form.Length > 0 && !Forms.Contains(form))
        {
            errors.Add("form", $"沟通方式须为：{string.Join("、", Forms)}。");
        }

        var summary = errors.Text("summary", request.Summary, "沟通情况", 2000, 4);
        return (actor, rid) => new ContactRecorded(rid, actor, date, form, summary);
    }
}
