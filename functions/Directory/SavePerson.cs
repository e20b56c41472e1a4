using Replies.Workflows.Directory;

namespace Replies.Functions.Directory;

/// <summary>
/// PUT /api/directory/people/{personId}: an administrator adds or changes a person, with the mobile number, mail
/// address and channels (Mail, Sms) their notices take besides 消息.
/// </summary>
public sealed class SavePerson(DirectoryStore directory)
{
    public sealed record Request(string? Name, Role? Role, string? DepartmentId, ProposalKind? Kind, string? Delegation, string? Phone, string? ExternalId, string? Mobile = null, string? Email = null, IReadOnlyList<NoticeChannel>? Channels = null, bool? PrefersPaper = null);

    [Function(nameof(SavePerson))]
    [Authorize(Policy = Policies.Administrator)]
    [EndpointSummary("维护人员")]
    [Tags("directory")]
    [RequestBody(typeof(Request))]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/directory/people/{personId}")] HttpRequest http, string personId, CancellationToken cancellationToken)
    {
        var (request, problem) = await RequestBody.ReadAsync<Request>(http, cancellationToken);
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

        var (mobile, email, channels) = ContactDetails.Check(errors, request.Mobile, request.Email, request.Channels);
        var delegation = errors.Optional("delegation", request.Delegation, "代表团或界别", 50);
        var phone = errors.Optional("phone", request.Phone, "电话", 30);
        var externalId = errors.Optional("externalId", request.ExternalId, "账号标识", 100);
        if (errors.Any)
        {
            return Problems.Validation(errors);
        }

        var person = new DirectoryPerson(personId, name, role, role is Role.Handler or Role.Leader ? department : null, role == Role.Proposer ? request.Kind : null,
            delegation, phone, externalId, mobile, email, channels, role == Role.Proposer && request.PrefersPaper == true);
        await directory.SaveAsync(person, cancellationToken);
        return CommandResult.Ok(person);
    }
}
