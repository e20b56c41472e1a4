using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Replies.Functions.Identity;
using Replies.Functions.Proposals;
using Replies.Functions.Startup;
using Replies.Functions.Views;
using Replies.Workflows.Directory;
using Replies.Workflows.Rules;
using Replies.Workflows.Storage;

namespace Replies.Functions.Web.Pages;

/// <summary>
/// A deputy or member writes and submits. The form carries a key made when it was shown, so a double click or a
/// resent form files one item; a refused form comes back with the messages beside the fields and the text kept.
/// </summary>
[Authorize(Policy = Policies.Proposer)]
public sealed class SubmitModel(DirectoryStore directory, IOptions<IntakeOptions> intake, IOptions<RulesProfile> rules, ProposalStore store) : PageModel
{
    public sealed class SubmitInput
    {
        public string? Title { get; set; }

        public string? Body { get; set; }

        public string? Category { get; set; }

        public List<string> CoSigners { get; set; } = [];

        public bool ToSimplified { get; set; }
    }

    [BindProperty]
    public SubmitInput Input { get; set; } = new();

    [BindProperty]
    public string Key { get; set; } = Guid.NewGuid().ToString("N");

    public string Noun => Labels.Noun(HttpContext.Person()!.Kind ?? ProposalKind.Suggestion);

    public int MaxBody => rules.Value.MaxBodyLength;

    public IReadOnlyList<string> Categories => intake.Value.Categories;

    public IEnumerable<DirectoryPerson> CoSignerChoices
    {
        get
        {
            var me = HttpContext.Person()!;
            return directory.People.Where(p => p.Role == Role.Proposer && p.Kind == me.Kind && p.PersonId != me.PersonId);
        }
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var request = new SubmitProposal.Request(Input.Title, Input.Body, Input.Category, null, Input.CoSigners, Input.ToSimplified);
        var result = await SubmitProposal.ActAsync(HttpContext, request, Key, cancellationToken);
        if (!ActionResults.Accepted(result, ModelState) || result is not IValueHttpResult { Value: SubmissionResult submitted })
        {
            return Page();
        }

        // The item page reads the first transition; it is stored within moments of the start.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await store.GetAsync(submitted.Id, cancellationToken) is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, cancellationToken);
        }

        TempData["Flash"] = "已提交，请留意办理进展。";
        return Redirect($"/items/{submitted.Id}");
    }
}
