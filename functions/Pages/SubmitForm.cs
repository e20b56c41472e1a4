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

        if (form.ContainsKey("split"))
        {
            // 从正文拆分: the body's asks into the boxes, for the proposer to confirm or correct before submitting.
            var (body, _) = TextInput.Clean(input.Body, input.ToSimplified == true);
            input.Asks = [.. Workflows.Coverage.AskSplitter.Split(body ?? "").Take(Workflows.Coverage.ProposalAsks.Most)];
            var notice = input.Asks.Count == 0 ? "正文中没有可拆分的建议事项，请逐条填写或直接提交。" : $"已按正文拆分为 {input.Asks.Count} 条建议事项，请确认或修改后提交。";
            return page.Render(http, input, key, null, notice);
        }

        var caller = new Caller(http.Person()!, key, client);
        var result = await command.HandleAsync(caller, new(input.Title, input.Body, input.Category, null, input.CoSigners, input.ToSimplified, input.Asks.Count > 0 ? input.Asks : null), cancellationToken);
        if (result.Value is not SubmissionResult submitted)
        {
            return page.Render(http, input, key, result);
        }

        // The item page reads the first transition; it is stored within moments of the start.
        await sender.WaitForStartAsync(submitted.Id, TimeSpan.FromSeconds(10), cancellationToken);

        return PageRenderer.Redirect(http, $"/items/{submitted.Id}", "已提交，请留意办理进展。");
    }
}
