using Replies.Functions.Web;

namespace Replies.Functions.Pages;

/// <summary>GET /submit: the form a deputy or member writes a suggestion or proposal in.</summary>
public sealed class ShowSubmitForm(SubmitFormPage page)
{
    [Function(nameof(ShowSubmitForm))]
    [Authorize(Policy = Policies.Submitter)]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "submit")] HttpRequest request) =>
        page.Render(request.HttpContext, new SubmitInput(), Guid.NewGuid().ToString("N"), null);
}
