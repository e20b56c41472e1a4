using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Workflows.Search;

namespace Replies.Functions.Library;

/// <summary>GET /api/library and /api/library/{id}: the policy library's documents.</summary>
internal static class ListLibrary
{
    public sealed record Entry(string DocumentId, string Title, string Category, string? Department, string UploadedBy, DateTimeOffset UploadedAt, int Length);

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("library", async (PolicyLibrary library, CancellationToken cancellationToken) =>
                TypedResults.Ok((await library.ListAsync(cancellationToken)).Select(d => new Entry(d.DocumentId, d.Title, d.Category, d.Department, d.UploadedBy, d.UploadedAt, d.Text.Length)).ToList()))
            .WithName(nameof(ListLibrary)).WithSummary("政策文件库").WithTags("library").Produces<IReadOnlyList<Entry>>().RequireAuthorization(Policies.Officials);
        api.MapGet("library/{documentId}", async (string documentId, PolicyLibrary library, CancellationToken cancellationToken) =>
                Proposals.ProposalIds.IsWellFormed(documentId) && await library.GetAsync(documentId, cancellationToken) is { } doc
                    ? TypedResults.Ok(doc)
                    : Problems.NotFound("未找到该文件。"))
            .WithName("GetLibraryDocument").WithSummary("查看政策文件").WithTags("library").Produces<LibraryDocument>().RequireAuthorization(Policies.Officials);
    }
}
