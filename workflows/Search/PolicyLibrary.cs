using Azure;
using Replies.Workflows.Intake;
using Replies.Workflows.Storage;

namespace Replies.Workflows.Search;

/// <summary>A document of the policy library: a plan, a work programme, an earlier reply.</summary>
public sealed record LibraryDocument(
    string DocumentId,
    string Title,
    string Category,
    string? Department,
    string Text,
    string UploadedBy,
    DateTimeOffset UploadedAt,
    string? OriginalText = null,
    int BoilerplateLinesRemoved = 0);

/// <summary>
/// The policy library in Blob storage (<c>{id}.json</c>): documents departments upload for drafting help, kept with
/// their text normalised and the original beside it.
/// </summary>
public sealed class PolicyLibrary(ReplyStorage storage, TimeProvider time)
{
    /// <summary>The categories a document is filed under.</summary>
    public static readonly IReadOnlyList<string> Categories = ["规划", "工作方案", "政策文件", "历史答复", "其他"];

    /// <summary>Cleans and stores a document (replacing one with the same id).</summary>
    public async Task<LibraryDocument> SaveAsync(string documentId, string title, string category, string? department, string text, string uploadedBy, bool toSimplified = false, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var normalised = TextNormaliser.Normalise(text).Text;
        if (toSimplified)
        {
            normalised = ChineseConverter.TraditionalToSimplified.Convert(normalised);
            title = ChineseConverter.TraditionalToSimplified.Convert(title);
        }

        var (lines, removed) = DocumentCleaner.StripTrailingBoilerplate(normalised.Split('\n'));
        var cleaned = string.Join('\n', lines);
        var doc = new LibraryDocument(documentId, TextNormaliser.Normalise(title).Text, category, department, cleaned, uploadedBy, time.GetUtcNow(), cleaned == text ? null : text, removed);
        await storage.Library.GetBlobClient(documentId + ".json").UploadAsync(BinaryData.FromObjectAsJson(doc, WorkflowJson.Options), overwrite: true, cancellationToken);
        // The shared search index takes it from the change feed, as it takes items.
        await storage.Changes.UpsertEntityAsync(ChangeFeed.LibraryEntity(documentId, doc.UploadedAt.UtcDateTime), Azure.Data.Tables.TableUpdateMode.Replace, cancellationToken);
        return doc;
    }

    /// <summary>One document, or null.</summary>
    public async Task<LibraryDocument?> GetAsync(string documentId, CancellationToken cancellationToken = default)
    {
        try
        {
            var content = await storage.Library.GetBlobClient(documentId + ".json").DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToObjectFromJson<LibraryDocument>(WorkflowJson.Options);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Every document.</summary>
    public async Task<IReadOnlyList<LibraryDocument>> ListAsync(CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var list = new List<LibraryDocument>();
        await foreach (var item in storage.Library.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            if (await GetAsync(item.Name[..^".json".Length], cancellationToken) is { } doc)
            {
                list.Add(doc);
            }
        }

        return [.. list.OrderByDescending(d => d.UploadedAt)];
    }
}
