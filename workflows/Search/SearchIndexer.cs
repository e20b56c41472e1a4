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
    public async Task RebuildAsync(IEnumerable<ProposalSnapshot> items, CancellationToken cancellationToken = default)
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
        Internal.Upsert(new SearchDocument(s.ProposalId, SearchKind.Proposal, s.Title, text?.Body ?? "", s.Session, s.LeadDepartment, s.SubmittedAt, ProposalId: s.ProposalId));
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
        Internal.Upsert(new SearchDocument(replyId, SearchKind.Reply, s.Title, draft.Text, s.Session, s.LeadDepartment, letter.IssuedAt, ProposalId: s.ProposalId));
        AddPassages(Internal, replyId, SearchKind.Reply, s.Title, draft.Text, s.Session, s.LeadDepartment, letter.IssuedAt, s.ProposalId);
        Public.Delete(replyId);
        if (Publication.PublicText(draft.Text, s.Disclosure) is { } published)
        {
            Public.Upsert(new SearchDocument(replyId, SearchKind.Reply, s.Title, published, s.Session, s.LeadDepartment, letter.IssuedAt, ProposalId: s.ProposalId));
        }
    }

    /// <summary>Indexes a library document and its passages.</summary>
    public void Index(LibraryDocument doc)
    {
        var id = LibraryId(doc.DocumentId);
        Internal.Delete(id);
        Internal.Upsert(new SearchDocument(id, SearchKind.Library, doc.Title, doc.Text, Department: doc.Department, Date: doc.UploadedAt.UtcDateTime));
        AddPassages(Internal, id, SearchKind.Library, doc.Title, doc.Text, null, doc.Department, doc.UploadedAt.UtcDateTime, null);
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

    // A passage is a paragraph long enough to say something; headings travel with the paragraph they open.
    private static void AddPassages(SearchIndex index, string parentId, SearchKind parentKind, string title, string text, string? session, string? department, DateTime date, string? proposalId)
    {
        var n = 0;
        var pending = "";
        foreach (var line in text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var passage = pending.Length > 0 ? pending + "\n" + line : line;
            if (passage.Length < 40)
            {
                pending = passage;
                continue;
            }

            pending = "";
            index.Upsert(new SearchDocument($"{parentId}:p{n++:D3}", SearchKind.Passage, title, passage, session, department, date, parentId, parentKind, proposalId));
        }

        if (pending.Length > 0)
        {
            index.Upsert(new SearchDocument($"{parentId}:p{n:D3}", SearchKind.Passage, title, pending, session, department, date, parentId, parentKind, proposalId));
        }
    }
}
