using Replies.Workflows;
using Replies.Workflows.Directory;

namespace Replies.Functions.Directory;

/// <summary>
/// PUT /api/directory/people/{personId}: an administrator adds or changes a person, with the mobile number, mail
/// address and channels (Mail, Sms) their notices take besides 消息.
/// </summary>
public sealed partial class SavePerson(DirectoryStore directory)
{
    public sealed record Request(string? Name, Role? Role, string? DepartmentId, ProposalKind? Kind, string? Delegation, string? Phone, string? ExternalId, string? Mobile = null, string? Email = null, IReadOnlyList<NoticeChannel>? Channels = null);

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

        var mobile = errors.Optional("mobile", request.Mobile, "手机号码", 20);
        if (mobile is not null && !MobileNumber().IsMatch(mobile))
        {
            errors.Add("mobile", "手机号码须为11位数字（可带 +86）。");
        }

        var email = errors.Optional("email", request.Email, "电子邮箱", 100);
        if (email is not null && !MimeKit.MailboxAddress.TryParse(email, out _))
        {
            errors.Add("email", "电子邮箱格式不正确。");
        }

        var channels = request.Channels?.Distinct().ToList() ?? [];
        if (channels.Contains(NoticeChannel.Sms) && mobile is null)
        {
            errors.Add("channels", "选择短信通知须填写手机号码。");
        }

        if (channels.Contains(NoticeChannel.Mail) && email is null)
        {
            errors.Add("channels", "选择邮件通知须填写电子邮箱。");
        }

        if (errors.Any)
        {
            return Problems.Validation(errors);
        }

        var person = new DirectoryPerson(personId, name, role, role is Role.Handler or Role.Leader ? department : null, role == Role.Proposer ? request.Kind : null,
            errors.Optional("delegation", request.Delegation, "代表团或界别", 50), errors.Optional("phone", request.Phone, "电话", 30), errors.Optional("externalId", request.ExternalId, "账号标识", 100), mobile, email, channels);
        await directory.SaveAsync(person, cancellationToken);
        return CommandResult.Ok(person);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(\+86)?1\d{10}$")]
    private static partial System.Text.RegularExpressions.Regex MobileNumber();
}
