using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Replies.Functions.Decisions;
using Replies.Functions.Web;
using Replies.Workflows.Directory;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Assignment;

/// <summary>POST /api/proposals/{id}/assignment: the clerk office assigns a lead department (主办) and co-handlers (会办). The item page's form gives the same command.</summary>
public sealed class AssignProposal(DecisionPipeline decisions, DirectoryStore directory) : DecisionFunction<AssignProposal.Request, Assigned>(decisions, DecisionCatalog.Assign)
{
    [Function(nameof(AssignProposal))]
    [Authorize(Policy = Policies.Clerk)]
    [EndpointSummary("交办：确定主办和会办单位")]
    [Tags("assignment")]
    [RequestBody(typeof(Request))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/assignment")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        AnswerAsync(request, id, client, cancellationToken);

    public override Type Fields => typeof(AssignProposalFields);

    protected override Request FromForm(ActionInput input) => new(input.LeadDepartment, input.CoHandlers);

    public sealed record Request(string? LeadDepartment, IReadOnlyList<string>? CoHandlers);

    protected override Func<Actor, string, Assigned> Check(Request request, FieldErrors errors)
    {
        var (lead, coHandlers) = Departments.Check(errors, directory, request.LeadDepartment, request.CoHandlers, "leadDepartment", "coHandlers");
        return (actor, rid) => new Assigned(rid, actor, lead!, coHandlers);
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
