using Replies.Functions.Decisions;

namespace Replies.Functions.Web;

/// <summary>
/// The item page's forms, each given to the same command the API gives (<see cref="IItemCommand"/>), found by its
/// decision's name: one form record carries every decision's fields, and each command maps it onto its own request, so
/// validation stays in one place (the command's and the descriptor's).
/// </summary>
public sealed class ItemActions(IEnumerable<IItemCommand> commands)
{
    private readonly Dictionary<string, IItemCommand> _byName = commands.ToDictionary(c => c.Decision.Name, StringComparer.Ordinal);

    /// <summary>The component of the named decision's fields on the item page.</summary>
    public Type FieldsOf(string act) => _byName[act].Fields;

    /// <summary>Gives the decision named by the form; null for a name no form carries.</summary>
    public Task<CommandResult>? Give(string act, Caller caller, string id, ActionInput input, CancellationToken cancellationToken) =>
        _byName.TryGetValue(act, out var command) ? command.GiveAsync(caller, id, input, cancellationToken) : null;
}
