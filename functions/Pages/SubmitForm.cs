using Microsoft.DurableTask.Client;
using Replies.Functions.Proposals;
using Replies.Functions.Views;
using Replies.Functions.Web;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Pages;

/// <summary>
/// POST /submit: gives the submission command with the key the form was shown with, so a double click files once;
/// a refused form comes back with the messages beside the fields and the text kept.
/// </summary>
public sealed class SubmitForm(SubmitFormPage page, FormReader forms, SubmitProposalCommand command, DecisionSender sender)
{
    [Function(nameof(SubmitForm))]
    [Authorize(Policy = Policies.Proposer)]
    [Safety.Limited(Safety.LimitKind.Submission)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "submit")] HttpRequest request, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        var http = request.HttpContext;
        if (await forms.ReadAsync(request) is not { } form)
        {
            return forms.Refused(http);
        }

        var errors = new FieldErrors();
        var input = FormReader.Bind<SubmitInput>(form, errors);
        var key = form["Key"].ToString() is { Length: > 0 } k ? k : Guid.NewGuid().ToString("N");
        if (errors.Any)
        {
            return page.Render(http, input, key, Problems.Validation(errors));
        }

        var caller = new Caller(http.Person()!, key, client);
        var result = await command.HandleAsync(caller, new(input.Title, input.Body, input.Category, null, input.CoSigners, input.ToSimplified), cancellationToken);
        if (result.Value is not SubmissionResult submitted)
        {
            return page.Render(http, input, key, result);
        }

        // The item page reads the first transition; it is stored within moments of the start.
        await sender.WaitForStartAsync(submitted.Id, TimeSpan.FromSeconds(10), cancellationToken);

        return PageRenderer.Redirect(http, $"/items/{submitted.Id}", "已提交，请留意办理进展。");
    }
}
