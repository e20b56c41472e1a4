using Replies.Functions.Web;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Decisions;

/// <summary>
/// An action with an API function of its own (saving a draft, the co-handling opinion), given alike by that function
/// and by the item page's form (<see cref="FormInput"/>): the page finds it by its descriptor's name.
/// </summary>
public interface IItemCommand
{
    /// <summary>The decision it gives.</summary>
    Decision Decision { get; }

    /// <summary>The component of its form's fields on the item page (a <see cref="DecisionFields"/>).</summary>
    Type Fields { get; }

    /// <summary>Gives the decision with what the item page's form carried.</summary>
    Task<CommandResult> GiveAsync(Caller caller, string id, FormInput input, CancellationToken cancellationToken);
}
