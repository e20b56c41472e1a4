using Microsoft.AspNetCore.Mvc;
using Replies.Workflows.Directory;

namespace Replies.Functions.Directory;

/// <summary>GET /api/directory/departments: every handling department (for the assignment picker).</summary>
public sealed class ListDepartments(DirectoryStore directory)
{
    [Function(nameof(ListDepartments))]
    [Authorize(Policy = Policies.SignedIn)]
    [EndpointSummary("单位名录")]
    [Tags("directory")]
    [ProducesResponseType<IReadOnlyList<Department>>(StatusCodes.Status200OK)]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/directory/departments")] HttpRequest request) =>
        CommandResult.Ok(directory.Departments);
}
