namespace Replies.Functions.Pages;

/// <summary>
/// GET /: sends each person to their own work: a deputy or member to their items, a handler to the department's inbox,
/// a leader to the drafts awaiting approval, the clerk office and administrators to the deadline board, the public to
/// the published replies. Signing in lands here too.
/// </summary>
public sealed class Home
{
    [Function(nameof(Home))]
    [AllowAnonymous]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "{home:maxlength(0)?}")] HttpRequest request) =>
        TypedResults.Redirect(request.HttpContext.Person() switch
        {
            { Role: Role.Proposer } => "/my",
            { Role: Role.Leader } => "/approvals",
            { Role: Role.Handler } => "/inbox",
            { Role: Role.Clerk or Role.Administrator } => "/board",
            _ => "/public",
        });
}
