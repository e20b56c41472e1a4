using Microsoft.DurableTask.Client;
using Replies.Functions.Web;
using Replies.Functions.Web.Pages;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Pages;

/// <summary>
/// POST /items/{id}: one of the item page's forms. Taken, it goes back to the item with a notice; refused, the page
/// comes back with that form open, what was typed, and the messages beside its fields.
/// </summary>
public sealed class ActOnItem(PageRenderer pages, FormReader forms, ItemActions actions, ItemPageModel model)
{
    [Function(nameof(ActOnItem))]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "items/{id}")] HttpRequest request, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        var http = request.HttpContext;
        if (await forms.ReadAsync(request) is not { } form)
        {
            return forms.Refused(http);
        }

        var act = form["act"].ToString();
        var input = FormInput.Of(form);
        var caller = new Caller(http.Person()!, null, client);
        CommandResult result;
        if (actions.Give(act, caller, id, input, cancellationToken) is { } giving)
        {
            result = await giving;
        }
        else
        {
            return pages.Status(http, StatusCodes.Status400BadRequest, "未知的办理事项。");
        }

        if (result.Succeeded)
        {
            return PageRenderer.Redirect(http, $"/items/{Uri.EscapeDataString(id)}", "已提交：" + (DecisionCatalog.Named(act)?.Label ?? act));
        }

        var refused = new ItemForm(act, input, result.Errors, result.Errors is null ? result.Detail ?? result.Title : null);
        return await model.BuildAsync(caller.Person, id, refused, cancellationToken) is { } parameters
            ? pages.Render<ItemPage>(http, parameters)
            : pages.Status(http, StatusCodes.Status404NotFound, "未找到该建议或提案。");
    }
}
