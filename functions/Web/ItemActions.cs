using Replies.Functions.Decisions;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Web;

/// <summary>
/// The item page's forms, each given as the API gives it: a decision with an address through its descriptor's fields
/// and <see cref="DecisionPipeline"/>, the two actions with functions of their own through their command
/// (<see cref="IItemCommand"/>). Both are found by the decision's name the form carries.
/// </summary>
public sealed class ItemActions(IEnumerable<IItemCommand> commands, DecisionPipeline decisions)
{
    private readonly Dictionary<string, IItemCommand> _commands = commands.ToDictionary(c => c.Decision.Name, StringComparer.Ordinal);

    /// <summary>The component of the named action's fields when it has one of its own; null for a decision whose descriptor describes them.</summary>
    public Type? FieldsOf(string act) => _commands.GetValueOrDefault(act)?.Fields;

    /// <summary>Gives the action named by the form; null for a name no form carries.</summary>
    public Task<CommandResult>? Give(string act, Caller caller, string id, FormInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return _commands.TryGetValue(act, out var command) ? command.GiveAsync(caller, id, input, cancellationToken)
            : DecisionCatalog.Named(act) is { Segment: not null } decision ? decisions.GiveAsync(caller, id, decision, input.ToRequest(decision.Fields), cancellationToken)
            : null;
    }
}
