using Replies.Workflows.Directory;

namespace Replies.Functions.Directory;

/// <summary>
/// Where a person's notices go besides 消息: a mobile number, a mail address and the channels chosen, checked alike
/// whether the administrator gives them through the API or the directory page.
/// </summary>
public static partial class ContactDetails
{
    /// <summary>The checked mobile, mail address and channels; the messages go to <paramref name="errors"/>.</summary>
    public static (string? Mobile, string? Email, IReadOnlyList<NoticeChannel> Channels) Check(FieldErrors errors, string? mobile, string? email, IEnumerable<NoticeChannel>? channels)
    {
        var checkedMobile = errors.Optional("mobile", mobile, "手机号码", 20)?.Replace(" ", "", StringComparison.Ordinal);
        if (checkedMobile is not null && !MobileNumber().IsMatch(checkedMobile))
        {
            errors.Add("mobile", "手机号码须为11位数字（可带 +86）。");
        }

        var checkedEmail = errors.Optional("email", email, "电子邮箱", 100);
        if (checkedEmail is not null && !MimeKit.MailboxAddress.TryParse(checkedEmail, out _))
        {
            errors.Add("email", "电子邮箱格式不正确。");
        }

        var chosen = channels?.Distinct().ToList() ?? [];
        if (chosen.Contains(NoticeChannel.Sms) && checkedMobile is null)
        {
            errors.Add("channels", "选择短信通知须填写手机号码。");
        }

        if (chosen.Contains(NoticeChannel.Mail) && checkedEmail is null)
        {
            errors.Add("channels", "选择邮件通知须填写电子邮箱。");
        }

        return (checkedMobile, checkedEmail, chosen);
    }

    /// <summary>
    /// A department's duty handler and leader: each, when named, a handler or leader of that department in the
    /// directory.
    /// </summary>
    public static (string? DutyHandlerId, string? LeaderId) CheckStaff(FieldErrors errors, DirectoryStore directory, string departmentId, string? dutyHandlerId, string? leaderId)
    {
        string? Staff(string field, string? personId, Role role, string label)
        {
            if (personId?.Trim() is not { Length: > 0 } value)
            {
                return null;
            }

            if (directory.Person(value) is not { } person || person.Role != role || person.DepartmentId != departmentId)
            {
                errors.Add(field, $"{label}须为本单位的{(role == Role.Handler ? "承办人" : "单位领导")}。");
            }

            return value;
        }

        return (Staff("dutyHandlerId", dutyHandlerId, Role.Handler, "值班承办人"), Staff("leaderId", leaderId, Role.Leader, "单位领导"));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(\+86)?1\d{10}$")]
    private static partial System.Text.RegularExpressions.Regex MobileNumber();
}
