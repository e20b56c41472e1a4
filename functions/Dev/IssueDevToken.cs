using Replies.Workflows.Directory;

namespace Replies.Functions.Dev;

/// <summary>POST /api/dev/token: a development bearer token for a person of the directory.</summary>
public sealed class IssueDevToken(DevPerson dev, DevTokens tokens)
{
    public sealed record Token(string AccessToken, string TokenType, DateTimeOffset ExpiresAt, DirectoryPerson Person);

    [Function(nameof(IssueDevToken))]
    [AllowAnonymous]
    [Safety.Limited(Safety.LimitKind.SignIn)]
    [EndpointSummary("开发环境：签发访问令牌")]
    [Tags("development")]
    [RequestBody(typeof(DevPerson.Request))]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/dev/token")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (person, problem) = await dev.ReadAsync(request, cancellationToken);
        if (person is null)
        {
            return problem!;
        }

        var (token, expires) = tokens.Issue(person.PersonId, person.Name);
        return CommandResult.Ok(new Token(token, "Bearer", expires, person));
    }
}
