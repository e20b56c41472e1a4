using Replies.Workflows.Directory;

namespace Replies.Functions.Dev;

/// <summary>GET /api/dev/people: the people one can sign in as in Development.</summary>
public sealed class ListDevPeople(DevPerson dev, DirectoryStore directory)
{
    [Function(nameof(ListDevPeople))]
    [AllowAnonymous]
    [EndpointSummary("开发环境：可登录的人员")]
    [Tags("development")]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/dev/people")] HttpRequest request) =>
        dev.Enabled ? CommandResult.Ok(directory.People.Select(p => p with { Phone = null, ExternalId = null, Mobile = null, Email = null })) : Problems.NotFound("未找到。");
}
