using Replies.Functions.Directory;
using Replies.Functions.Web;
using Replies.Workflows.Directory;

namespace Replies.Functions.Pages;

/// <summary>
/// POST /directory/people/{personId} (mobile, email, channels): the administrator changes where a person's notices go;
/// a refused form comes back with the messages beside the row and what was typed kept.
/// </summary>
public sealed class SaveContactForm(FormReader forms, DirectoryStore directory, DirectoryFormPage page, PageRenderer pages)
{
    [Function(nameof(SaveContactForm))]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "directory/people/{personId}")] HttpRequest request, string personId, CancellationToken cancellationToken)
    {
        var http = request.HttpContext;
        if (await forms.ReadAsync(request) is not { } form)
        {
            return forms.Refused(http);
        }

        if (directory.Person(personId) is not { } person)
        {
            return pages.Status(http, StatusCodes.Status404NotFound, "名录中没有这个人员。");
        }

        var errors = new FieldErrors();
        var channels = new List<NoticeChannel>();
        foreach (var value in form["channels"])
        {
            if (Enum.TryParse<NoticeChannel>(value, out var channel) && Enum.IsDefined(channel) && !(value ?? "").All(char.IsAsciiDigit))
            {
                channels.Add(channel);
            }
            else
            {
                errors.Add("channels", "通知方式只能是短信或邮件。");
            }
        }

        var (mobile, email, chosen) = ContactDetails.Check(errors, form["mobile"], form["email"], channels);
        if (errors.Any)
        {
            return page.Render(http, form["q"], new DirectoryFormPage.Refusal(personId, form, errors.ToDictionary()));
        }

        await directory.SaveAsync(person with { Mobile = mobile, Email = email, Channels = chosen, PrefersPaper = person.Role == Role.Proposer && form["paper"] == "true" }, cancellationToken);
        return PageRenderer.Redirect(http, DirectoryAddress(form["q"], "p-" + personId), $"已保存{person.Name}的通知方式。");
    }

    /// <summary>The directory page with the search it was left at, at the row just saved.</summary>
    internal static string DirectoryAddress(string? query, string anchor) =>
        (string.IsNullOrWhiteSpace(query) ? "/directory" : "/directory?q=" + Uri.EscapeDataString(query.Trim())) + "#" + Uri.EscapeDataString(anchor);
}
