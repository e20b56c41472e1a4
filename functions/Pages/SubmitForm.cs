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
public sealed class SubmitForm(SubmitFormPage page, FormReader forms, SubmitProposalCommand command, WordUploads words, DecisionSender sender)
{
    [Function(nameof(SubmitForm))]
    [Authorize(Policy = Policies.Submitter)]
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

        if (form.ContainsKey("read"))
        {
            // 读取 Word 文件: its title, body and asks into the form, for the proposer to confirm before submitting.
            if (form.Files.GetFile("word") is not { Length: > 0 } file)
            {
                return page.Render(http, input, key, Problems.Field("word", "请先选择 Word 文件。"));
            }

            var read = await words.ReadAsync(http.Person()!, file, input.ToSimplified == true, cancellationToken);
            if (read.Value is not WordRead word)
            {
                return page.Render(http, input, key, Problems.Field("word", (read.ErrorsFor("file") is [var first, ..] ? first : read.Detail) ?? "未能读取该文件。"));
            }

            (input.Title, input.Body, input.Asks, input.Upload, input.UploadName) = (word.Title, word.Body, [.. word.Asks], word.Upload, word.FileName);
            return page.Render(http, input, key, null, $"已从“{word.FileName}”读取标题、正文和 {word.Asks.Count} 条建议事项，请核对后提交；原文件将作为第一个附件保存。");
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
        var result = await command.HandleAsync(caller, new(input.Title, input.Body, input.Category, null, input.CoSigners, input.ToSimplified, input.Asks.Count > 0 ? input.Asks : null, input.Proposer, input.Upload), cancellationToken);
        if (result.Value is not SubmissionResult submitted)
        {
            return page.Render(http, input, key, result);
        }

        // The item page reads the first transition; it is stored within moments of the start.
        await sender.WaitForStartAsync(submitted.Id, TimeSpan.FromSeconds(10), cancellationToken);

        return PageRenderer.Redirect(http, $"/items/{submitted.Id}", "已提交，请留意办理进展。");
    }
}
