using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Functions.Views;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Handling;

/// <summary>POST /api/proposals/{id}/contacts: the lead department records a contact with the proposer (沟通/见面).</summary>
internal static class RecordContact
{
    /// <summary>The forms a contact can take; the first four count as meeting in person (见面).</summary>
    public static readonly IReadOnlyList<string> Forms = ["当面", "座谈", "走访", "调研", "电话", "视频", "书面"];

    public sealed record Request(DateOnly? Date, string? Form, string? Summary);

    public static void Map(IEndpointRouteBuilder api) => api.MapPost("proposals/{id}/contacts", RunAsync)
        .WithName(nameof(RecordContact)).WithSummary("记录与提出人的沟通").WithTags("handling")
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
        var date = errors.Required("date", request.Date, "沟通日期");
        if (request.Date is not null && date > ChinaClock.Today(time))
        {
            errors.Add("date", "沟通日期不能晚于今天。");
        }

        var form = errors.Text("form", request.Form, "沟通方式", 10);
        if (form.Length > 0 && !Forms.Contains(form))
        {
            errors.Add("form", $"沟通方式须为：{string.Join("、", Forms)}。");
        }

        var summary = errors.Text("summary", request.Summary, "沟通情况", 2000, 4);
        return errors.Any
            ? Problems.Validation(errors)
            : await decisions.SendAsync(http, id, "recordContact", (actor, rid) => new ContactRecorded(rid, actor, date, form, summary), cancellationToken);
    }
}
