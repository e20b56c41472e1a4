using Microsoft.Extensions.Options;
using Replies.Functions.Startup;
using Replies.Workflows.Directory;

namespace Replies.Functions.Dev;

/// <summary>
/// The development sign-in's shared rules: it answers only when <c>Replies:Auth:DevSignIn</c> is on (Development only,
/// checked at start), and names a person of the directory.
/// </summary>
public sealed class DevPerson(IOptions<AuthOptions> auth, DirectoryStore directory, Safety.RequestLimits limits)
{
    public sealed record Request(string? PersonId);

    public bool Enabled => auth.Value.DevSignIn;

    public async Task<(DirectoryPerson? Person, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return (null, Problems.NotFound("未找到。"));
        }

        var (body, problem) = await RequestBody.ReadAsync<Request>(request, cancellationToken);
        if (body is null)
        {
            return (null, problem);
        }

        if (body.PersonId is not { Length: > 0 } id || directory.Person(id) is not { } person)
        {
            return (null, Problems.Field("personId", "名录中没有此人。"));
        }

        return await limits.ForPersonAsync(Safety.LimitKind.SignIn, person.PersonId, cancellationToken) is { } wait
            ? (null, Safety.RequestLimits.Refusal(request.HttpContext, wait, api: true))
            : (person, null);
    }
}
