using Replies.Workflows.Directory;

namespace Replies.Functions.Directory;

/// <summary>
/// PUT /api/directory/departments/{departmentId}: an administrator adds or changes a department (its id is its full
/// name), with the duty handler and the leader its notices reach.
/// </summary>
public sealed class SaveDepartment(DirectoryStore directory)
{
    public sealed record Request(string? ShortName, string? DutyHandlerId = null, string? LeaderId = null);

    [Function(nameof(SaveDepartment))]
    [Authorize(Policy = Policies.Administrator)]
    [EndpointSummary("维护单位")]
    [Tags("directory")]
    [RequestBody(typeof(Request))]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/directory/departments/{departmentId}")] HttpRequest http, string departmentId, CancellationToken cancellationToken)
    {
        var (request, problem) = await RequestBody.ReadAsync<Request>(http, cancellationToken);
        if (request is null)
        {
            return problem!;
        }

        var errors = new FieldErrors();
        var id = errors.Text("departmentId", departmentId, "单位名称", 40, 2);
        if (id.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            errors.Add("departmentId", "单位名称不能含有 / \\ # ? 或控制字符。");
        }

        var shortName = errors.Text("shortName", request.ShortName, "简称", 20);
        var (duty, leader) = ContactDetails.CheckStaff(errors, directory, id, request.DutyHandlerId, request.LeaderId);
        if (errors.Any)
        {
            return Problems.Validation(errors);
        }

        var department = new Department(id, shortName, duty, leader);
        await directory.SaveAsync(department, cancellationToken);
        return CommandResult.Ok(department);
    }
}
