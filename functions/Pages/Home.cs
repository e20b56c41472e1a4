namespace Replies.Functions.Pages;

/// <summary>GET /: sends each person where their work is.</summary>
public sealed class Home
{
    [Function(nameof(Home))]
    [AllowAnonymous]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "/")] HttpRequest request) =>
        TypedResults.Redirect(request.HttpContext.Person() switch
        {
            { Role: Role.Proposer } => "/my",
            { Role: Role.Clerk or Role.Administrator } => "/board",
            _ => "/public",
        });
}
