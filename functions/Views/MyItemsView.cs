using Replies.Workflows.ReadModel;

namespace Replies.Functions.Views;

/// <summary>The items a person proposed, co-signed, was invited to co-sign, or was merged into.</summary>
public static class MyItemsView
{
    public sealed record MyItem(ProposalSummary Item, string Part);

    /// <summary>A person's items, newest first, with the part they play (the API and the page show the same).</summary>
    public static async Task<IReadOnlyList<MyItem>> ForAsync(string personId, ItemLists lists, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(time);
        return [.. (await lists.PersonAsync(personId, cancellationToken))
            .Where(s => s.Part is not null)
            .OrderByDescending(s => s.SubmittedAt)
            .Select(s => new MyItem(ProposalSummary.Of(s, today), s.Part!))];
    }
}
