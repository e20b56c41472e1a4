using Replies.Functions.Web;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Decisions;

/// <summary>
/// A decision's command, given alike by its API function (the class that implements it: its own JSON request) and by
/// the item page's form (<see cref="ActionInput"/>, the one record every form posts): the page finds it by its
/// descriptor's name.
/// </summary>
public interface IItemCommand
{
    /// <summary>The decision it gives.</summary>
    Decision Decision { get; }

    /// <summary>The component of its form's fields on the item page (a <see cref="DecisionFields"/>).</summary>
    Type Fields { get; }

    /// <summary>Gives the decision with what the item page's form carried.</summary>
    Task<CommandResult> GiveAsync(Caller caller, string id, ActionInput input, CancellationToken cancellationToken);
}
