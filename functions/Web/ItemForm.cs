namespace Replies.Functions.Web;

/// <summary>The state of the item page's forms: the one just refused (open, with what was typed and its messages).</summary>
public sealed record ItemForm(string? Active, FormInput Input, IDictionary<string, string[]>? Errors, string? Message)
{
    public static readonly ItemForm Empty = new(null, FormInput.Empty, null, null);

    /// <summary>The messages for the form of <paramref name="act"/>: only the refused form shows them.</summary>
    public IDictionary<string, string[]>? ErrorsOf(string act) => act == Active ? Errors : null;

    /// <summary>What was typed into the form of <paramref name="act"/>, or nothing for the others.</summary>
    public FormInput InputOf(string act) => act == Active ? Input : FormInput.Empty;
}
