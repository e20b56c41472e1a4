namespace Replies.Functions.Web;

/// <summary>The state of the item page's forms: the one just refused (open, with what was typed and its messages).</summary>
public sealed record ItemForm(string? Active, ActionInput Input, IDictionary<string, string[]>? Errors, string? Message)
{
    public static readonly ItemForm Empty = new(null, new ActionInput(), null, null);

    /// <summary>The messages for the form of <paramref name="act"/>: only the refused form shows them.</summary>
    public IDictionary<string, string[]>? ErrorsOf(string act) => act == Active ? Errors : null;

    /// <summary>What was typed into the form of <paramref name="act"/>, or an empty input for the others.</summary>
    public ActionInput InputOf(string act) => act == Active ? Input : new ActionInput();
}
