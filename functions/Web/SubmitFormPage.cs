using Microsoft.Extensions.Options;
using Replies.Functions.Startup;
using Replies.Functions.Web.Pages;
using Replies.Workflows.Directory;
using Replies.Workflows.Rules;

namespace Replies.Functions.Web;

/// <summary>The submission form as shown and as shown again after a refusal.</summary>
public sealed class SubmitFormPage(PageRenderer pages, DirectoryStore directory, IOptions<IntakeOptions> intake, IOptions<RulesProfile> rules)
{
    public IResult Render(HttpContext http, SubmitInput input, string key, CommandResult? refused, string? notice = null)
    {
        var me = http.Person()!;
        return pages.Render<SubmitPage>(http, new Dictionary<string, object?>
        {
            ["Input"] = input,
            ["Key"] = key,
            ["Noun"] = Labels.Noun(me.Kind ?? ProposalKind.Suggestion),
            ["MaxBody"] = rules.Value.MaxBodyLength,
            ["Categories"] = intake.Value.Categories,
            ["CoSignerChoices"] = directory.People.Where(p => p.Role == Role.Proposer && p.Kind == me.Kind && p.PersonId != me.PersonId).ToList(),
            ["Message"] = refused is { Errors: null } ? refused.Detail : null,
            ["Errors"] = refused?.Errors,
            ["Notice"] = notice,
        });
    }
}
