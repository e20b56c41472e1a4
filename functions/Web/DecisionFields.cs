using Microsoft.AspNetCore.Components;
using Replies.Functions.Views;
using Replies.Workflows.Directory;

namespace Replies.Functions.Web;

/// <summary>What a decision's form on the item page is drawn from.</summary>
public sealed record DecisionForm(
    ProposalDetail Detail,
    FormInput Input,
    IDictionary<string, string[]>? Errors,
    string? LatestDraft,
    IReadOnlyList<Department> Departments,
    DateOnly Today,
    DirectoryPerson? Person);

/// <summary>
/// The fields of an action's form on the item page that its descriptor does not describe (saving a draft, the
/// co-handling opinion): a component beside the action's command, which names it (<see cref="Decisions.IItemCommand.Fields"/>).
/// </summary>
public abstract class DecisionFields : ComponentBase
{
    [Parameter, EditorRequired] public DecisionForm Form { get; set; } = null!;

    protected ProposalDetail Detail => Form.Detail;

    protected FormInput Input => Form.Input;

    protected IDictionary<string, string[]>? Errors => Form.Errors;

    protected string? LatestDraft => Form.LatestDraft;

    protected IReadOnlyList<Department> Departments => Form.Departments;

    protected DateOnly Today => Form.Today;

    /// <summary>The person the form is for (pre-fills the handler's name and phone).</summary>
    protected DirectoryPerson? Person => Form.Person;
}
