using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Workflows.Directory;

namespace Replies.Functions.Directory;

/// <summary>PUT /api/directory/departments/{departmentId}: an administrator adds or changes a department (its id is its full name).</summary>
internal static class SaveDepartment
{
    public sealed record Request(string? ShortName);

    public static void Map(IEndpointRouteBuilder api) => api.MapPut("directory/departments/{departmentId}", RunAsync)
        .WithName(nameof(SaveDepartment)).WithSummary("维护单位").WithTags("directory").Accepts<Request>("application/json").RequireAuthorization(Policies.Administrator);

    private static async Task<IResult> RunAsync(string departmentId, HttpContext http, DirectoryStore directory, CancellationToken cancellationToken)
    {
        var (request, problem) = await RequestBody.ReadAsync<Request>(http.Request, cancellationToken);
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
        if (errors.Any)
        {
            return Problems.Validation(errors);
        }

        var department = new Department(id, shortName);
        await directory.SaveAsync(department, cancellationToken);
        return TypedResults.Ok(department);
    }
}
