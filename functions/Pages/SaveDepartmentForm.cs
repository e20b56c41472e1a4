using Replies.Functions.Directory;
using Replies.Functions.Web;
using Replies.Workflows.Directory;

namespace Replies.Functions.Pages;

/// <summary>
/// POST /directory/departments/{departmentId} (dutyHandlerId, leaderId): the administrator names who receives a
/// department's notices; left empty, every handler or leader of the department does.
/// </summary>
public sealed class SaveDepartmentForm(FormReader forms, DirectoryStore directory, DirectoryFormPage page, PageRenderer pages)
{
    [Function(nameof(SaveDepartmentForm))]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "directory/departments/{departmentId}")] HttpRequest request, string departmentId, CancellationToken cancellationToken)
    {
        var http = request.HttpContext;
        if (await forms.ReadAsync(request) is not { } form)
        {
            return forms.Refused(http);
        }

        if (directory.Department(departmentId) is not { } department)
        {
            return pages.Status(http, StatusCodes.Status404NotFound, "名录中没有这个单位。");
        }

        var errors = new FieldErrors();
        var (duty, leader) = ContactDetails.CheckStaff(errors, directory, department.DepartmentId, form["dutyHandlerId"], form["leaderId"]);
        if (errors.Any)
        {
            return page.Render(http, form["q"], new DirectoryFormPage.Refusal(departmentId, form, errors.ToDictionary()));
        }

        await directory.SaveAsync(department with { DutyHandlerId = duty, LeaderId = leader }, cancellationToken);
        return PageRenderer.Redirect(http, SaveContactForm.DirectoryAddress(form["q"], "d-" + departmentId), $"已保存{department.ShortName}的通知接收人。");
    }
}
