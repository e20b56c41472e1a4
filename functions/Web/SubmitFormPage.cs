using Microsoft.Extensions.Options;
using Replies.Functions.Startup;
using Replies.Functions.Web.Pages;
using Replies.Workflows.Directory;

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
            ["Noun"] = me.Role == Role.Clerk ? "建议提案（代录）" : Labels.Noun(me.Kind ?? ProposalKind.Suggestion),
            ["ProposerChoices"] = me.Role == Role.Clerk ? directory.People.Where(p => p.Role == Role.Proposer && p.Kind is not null).OrderBy(p => p.Kind).ThenBy(p => p.Name, StringComparer.Ordinal).ToList() : null,
            ["MaxBody"] = rules.Value.MaxBodyLength,
            ["Categories"] = intake.Value.Categories,
            ["CoSignerChoices"] = directory.People.Where(p => p.Role == Role.Proposer && (me.Role == Role.Clerk || (p.Kind == me.Kind && p.PersonId != me.PersonId))).ToList(),
            ["Message"] = refused is { Errors: null } ? refused.Detail : null,
            ["Errors"] = refused?.Errors,
            ["Notice"] = notice,
        });
    }
}
