using Microsoft.AspNetCore.Mvc;
using Replies.Workflows.Directory;

namespace Replies.Functions.Directory;

/// <summary>GET /api/me: who the caller is in the directory (role, department, kind).</summary>
public sealed class GetMe
{
    [Function(nameof(GetMe))]
    [Authorize]
    [EndpointSummary("当前用户")]
    [Tags("directory")]
    [ProducesResponseType<DirectoryPerson>(StatusCodes.Status200OK)]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/me")] HttpRequest request) =>
        request.HttpContext.Person() is { } person ? CommandResult.Ok(person) : Problems.Forbidden("您不在名录中。");
}
