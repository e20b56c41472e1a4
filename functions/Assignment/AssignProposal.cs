using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Workflows.Directory;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Assignment;

/// <summary>POST /api/proposals/{id}/assignment: the clerk office assigns a lead department (主办) and co-handlers (会办).</summary>
internal static class AssignProposal
{
    public sealed record Request(string? LeadDepartment, IReadOnlyList<string>? CoHandlers);

    public static void Map(IEndpointRouteBuilder api) => api.MapPost("proposals/{id}/assignment", RunAsync)
        .WithName(nameof(AssignProposal)).WithSummary("交办：确定主办和会办单位").WithTags("assignment")
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
        var directory = http.RequestServices.GetRequiredService<DirectoryStore>();

        var errors = new FieldErrors();
        var (lead, coHandlers) = Departments.Check(errors, directory, request.LeadDepartment, request.CoHandlers, "leadDepartment", "coHandlers");
        return errors.Any
            ? Problems.Validation(errors)
            : await decisions.SendAsync(http, id, "assign", (actor, rid) => new Assigned(rid, actor, lead!, coHandlers), cancellationToken);
    }
}

/// <summary>Checks a lead department and co-handlers against the directory.</summary>
internal static class Departments
{
    public static (string? Lead, IReadOnlyList<string> CoHandlers) Check(FieldErrors errors, DirectoryStore directory, string? lead, IReadOnlyList<string>? coHandlers, string leadField, string coField)
    {
        lead = lead?.Trim();
        if (string.IsNullOrEmpty(lead))
        {
            errors.Add(leadField, "请选择主办单位。");
        }
        else if (directory.Department(lead) is null)
        {
            errors.Add(leadField, $"“{lead}”不在单位名录中。");
        }

        var co = (coHandlers ?? []).Select(c => c?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
        foreach (var c in co)
        {
            if (c.Length == 0 || directory.Department(c) is null)
            {
                errors.Add(coField, $"“{c}”不在单位名录中。");
            }
            else if (c == lead)
            {
                errors.Add(coField, "会办单位不能同时是主办单位。");
            }
        }

        if (co.Count > 10)
        {
            errors.Add(coField, "会办单位不能超过10个。");
        }

        return (lead, co);
    }
}
