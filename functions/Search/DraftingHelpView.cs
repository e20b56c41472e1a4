using Replies.Workflows.Search;
using Replies.Workflows.Storage;

namespace Replies.Functions.Search;

/// <summary>
/// Beside the draft, the passages of the policy library and of earlier replies that bear most on the proposal, each
/// with its source, ready to insert. The API and the draft editor show the same.
/// </summary>
public static class DraftingHelpView
{
    public sealed record Passage(string Id, string Source, string SourceKind, string? SourceId, string Text, string Snippet, float Score, string Insert);

    /// <summary>Passages of the policy library and of earlier replies, each best first.</summary>
    public sealed record Help(IReadOnlyList<Passage> Policy, IReadOnlyList<Passage> Replies);

    private const int PerSource = 3;

    /// <summary>The help for an item (the API and the draft editor show the same).</summary>
    public static async Task<Help> BuildAsync(Workflows.Directory.DirectoryPerson user, Workflows.Lifecycle.ProposalSnapshot snapshot, int wanted, ProposalStore store, DraftStore drafts, SharedIndexReader indexer, CancellationToken cancellationToken)
    {
        var id = snapshot.ProposalId;
        // The proposal, and the draft as far as it is written: help follows what the handler is answering.
        var text = await store.GetTextAsync(id, cancellationToken);
        var versions = await drafts.ListAsync(id, cancellationToken);
        var draft = versions.Count > 0 ? await drafts.GetAsync(id, versions[^1].Version, cancellationToken) : null;
        // Asked by subject: the title and the terms that recur in the proposal and the draft (产业链, 创新平台 …),
        // not by every word of a long text.
        var subject = string.Join(' ', KeyTerms.Of($"{snapshot.Title}\n{text?.Body}\n{draft?.Text}", 12));
        var query = $"{snapshot.Title}\n{snapshot.Title}\n{subject}\n{subject}";
        var exclude = new HashSet<string>(StringComparer.Ordinal) { SearchIndexer.ReplyId(id) };
        // Policy and precedent are asked for separately, so neither crowds the other out, and a few passages per
        // source, so one long plan does not fill the list.
        await indexer.ReadyAsync(cancellationToken);
        var policy = indexer.Internal.Search(query, [SearchKind.Passage], wanted * 4, exclude: exclude, parentKind: SearchKind.Library);
        var replies = indexer.Internal.Search(query, [SearchKind.Passage], wanted * 4, h => SearchVisibility.MaySee(user, h), exclude, SearchKind.Reply);
        return new Help([.. Diverse(policy, wanted).Select(View)], [.. Diverse(replies, wanted).Select(View)]);
    }

    private static IEnumerable<Workflows.Search.SearchHit> Diverse(IReadOnlyList<Workflows.Search.SearchHit> hits, int top)
    {
        var perSource = new Dictionary<string, int>(StringComparer.Ordinal);
        return hits.Where(h => (perSource[h.ParentId ?? h.Id] = perSource.GetValueOrDefault(h.ParentId ?? h.Id) + 1) <= PerSource).Take(top);
    }

    private static Passage View(Workflows.Search.SearchHit h)
    {
        var source = $"《{h.Title}》";
        var kind = h.ParentKind == SearchKind.Library ? "政策文件" : "以往答复";
        return new Passage(h.Id, source, kind, h.ParentId, h.Text, h.Snippet, MathF.Round(h.Score, 3), $"{h.Text}（引自{source}）");
    }
}
