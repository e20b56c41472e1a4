using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Workflows;
using Replies.Workflows.Directory;

namespace Replies.Functions.Directory;

/// <summary>PUT /api/directory/people/{personId}: an administrator adds or changes a person.</summary>
internal static class SavePerson
{
    public sealed record Request(string? Name, Role? Role, string? DepartmentId, ProposalKind? Kind, string? Delegation, string? Phone, string? ExternalId);

    public static void Map(IEndpointRouteBuilder api) => api.MapPut("directory/people/{personId}", RunAsync)
        .WithName(nameof(SavePerson)).WithSummary("维护人员").WithTags("directory").Accepts<Request>("application/json").RequireAuthorization(Policies.Administrator);

    private static async Task<IResult> RunAsync(string personId, HttpContext http, DirectoryStore directory, CancellationToken cancellationToken)
    {
        var (request, problem) = await RequestBody.ReadAsync<Request>(http.Request, cancellationToken);
        if (request is null)
        {
            return problem!;
        }

        var errors = new FieldErrors();
        if (!Proposals.ProposalIds.IsWellFormed(personId))
        {
            errors.Add("personId", "人员编号须为1至64位字母、数字、- 或 _。");
        }

        var name = errors.Text("name", request.Name, "姓名", 30);
        var role = errors.Required("role", request.Role, "角色");
        var department = request.DepartmentId?.Trim();
        if (role is Role.Handler or Role.Leader && (department is null || directory.Department(department) is null))
        {
            errors.Add("departmentId", "承办人和单位领导须属于名录中的单位。");
        }

        if (role == Role.Proposer && request.Kind is null)
        {
            errors.Add("kind", "请选择人大代表或政协委员。");
        }

        if (errors.Any)
        {
            return Problems.Validation(errors);
        }

        var person = new DirectoryPerson(personId, name, role, role is Role.Handler or Role.Leader ? department : null, role == Role.Proposer ? request.Kind : null,
            errors.Optional("delegation", request.Delegation, "代表团或界别", 50), errors.Optional("phone", request.Phone, "电话", 30), errors.Optional("externalId", request.ExternalId, "账号标识", 100));
        await directory.SaveAsync(person, cancellationToken);
        return TypedResults.Ok(person);
    }
}
