using Replies.Workflows.Letters;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Workflows.Search;

/// <summary>
/// Keeps two indexes from storage: the internal one (proposals, issued replies, the policy library, and the passages
/// of replies and library documents) for officials, and the public one holding only published replies in their
/// published form, so nothing a public reader may not see is ever in the files the public search opens.
/// </summary>
public sealed class SearchIndexer(SearchIndex internalIndex, SearchIndex publicIndex, ProposalStore store, DraftStore drafts, PolicyLibrary library) : IDisposable
{
    /// <summary>The index officials search.</summary>
    public SearchIndex Internal { get; } = internalIndex;

    /// <summary>The index of published replies.</summary>
    public SearchIndex Public { get; } = publicIndex;

    /// <summary>Empties both indexes and indexes everything again.</summary>
    public Task RebuildAsync(IEnumerable<ProposalSnapshot> items, CancellationToken cancellationToken = default) =>
        RebuildAsync(items.ToAsyncEnumerable(), cancellationToken);

    /// <summary>Empties both indexes and indexes everything again, as the items are read.</summary>
    public async Task RebuildAsync(IAsyncEnumerable<ProposalSnapshot> items, CancellationToken cancellationToken = default)
    {
        Internal.Clear();
        Public.Clear();
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (s, ct) => await IndexAsync(s, ct));
        foreach (var doc in await library.ListAsync(cancellationToken))
        {
            Index(doc);
        }

        Internal.Commit();
        Public.Commit();
    }

    /// <summary>Indexes one item as it now stands (its text, its latest reply, and whether that is published).</summary>
    public async Task IndexAsync(ProposalSnapshot s, CancellationToken cancellationToken = default)
    {
        var text = await store.GetTextAsync(s.ProposalId, cancellationToken);
        var viewers = Viewers(s);
        var published = s.Letters.Count > 0 && Publication.IsPublished(s.Disclosure);
        var stage = s.Stage.ToString();
        Internal.Upsert(new SearchDocument(s.ProposalId, SearchKind.Proposal, s.Title, text?.Body ?? "", s.Session, s.LeadDepartment, s.SubmittedAt, ProposalId: s.ProposalId) { Viewers = viewers, Stage = stage });
        var replyId = ReplyId(s.ProposalId);
        if (s.Letters.Count == 0)
        {
            return;
        }

        var letter = s.Letters[^1];
        var draft = await drafts.GetAsync(s.ProposalId, letter.DraftVersion, cancellationToken);
        if (draft is null)
        {
            return;
        }

        Internal.Delete(replyId);
        var reply = new SearchDocument(replyId, SearchKind.Reply, s.Title, draft.Text, s.Session, s.LeadDepartment, letter.IssuedAt, ProposalId: s.ProposalId) { Viewers = viewers, Published = published, Stage = stage };
        Internal.Upsert(reply);
        AddPassages(Internal, reply);
        Public.Delete(replyId);
        if (Publication.PublicText(draft.Text, s.Disclosure) is { } publicText)
        {
            Public.Upsert(new SearchDocument(replyId, SearchKind.Reply, s.Title, publicText, s.Session, s.LeadDepartment, letter.IssuedAt, ProposalId: s.ProposalId) { Published = true, Stage = stage });
        }
    }

    /// <summary>Indexes a library document and its passages.</summary>
    public void Index(LibraryDocument doc)
    {
        var id = LibraryId(doc.DocumentId);
        Internal.Delete(id);
        Internal.Upsert(new SearchDocument(id, SearchKind.Library, doc.Title, doc.Text, Department: doc.Department, Date: doc.UploadedAt.UtcDateTime));
        AddPassages(Internal, new SearchDocument(id, SearchKind.Library, doc.Title, doc.Text, Department: doc.Department, Date: doc.UploadedAt.UtcDateTime));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Internal.Dispose();
        Public.Dispose();
    }

    /// <summary>The index id of an item's reply.</summary>
    public static string ReplyId(string proposalId) => "reply:" + proposalId;

    /// <summary>The index id of a library document.</summary>
    public static string LibraryId(string documentId) => "library:" + documentId;

    /// <summary>Who may see an item (see <see cref="SearchDocument.Viewers"/>): the one rule the search filter applies, as <see cref="Permissions.CanSee"/> does.</summary>
    public static IReadOnlyList<string> Viewers(ProposalSnapshot s) =>
    [
        .. s.Recipients.Concat(s.PendingCoSigners).Select(p => PersonViewer(p.PersonId)).Distinct(),
        .. new[] { s.LeadDepartment }.Concat(s.CoHandlers).OfType<string>().Distinct().Select(DepartmentViewer),
    ];

    /// <summary>The viewer key of a person.</summary>
    public static string PersonViewer(string personId) => "person:" + personId;

    /// <summary>The viewer key of a department.</summary>
    public static string DepartmentViewer(string departmentId) => "department:" + departmentId;

    // A passage is a paragraph long enough to say something; headings travel with the paragraph they open. Passages
    // carry their parent's access fields.
    private static void AddPassages(SearchIndex index, SearchDocument parent)
    {
        var n = 0;
        var pending = "";
        SearchDocument Passage(int i, string text) => new($"{parent.Id}:p{i:D3}", SearchKind.Passage, parent.Title, text, parent.Session, parent.Department, parent.Date, parent.Id, parent.Kind, parent.ProposalId)
        {
            Viewers = parent.Viewers,
            Published = parent.Published,
            Stage = parent.Stage,
        };
        foreach (var line in parent.Text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var passage = pending.Length > 0 ? pending + "\n" + line : line;
            if (passage.Length < 40)
            {
                pending = passage;
                continue;
            }

            pending = "";
            index.Upsert(Passage(n++, passage));
        }

        if (pending.Length > 0)
        {
            index.Upsert(Passage(n, pending));
        }
    }
}
