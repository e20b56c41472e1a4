using Microsoft.AspNetCore.Mvc;
using Replies.Workflows.Search;

namespace Replies.Functions.Library;

/// <summary>GET /api/library: the policy library's documents.</summary>
public sealed class ListLibrary(PolicyLibrary library)
{
    public sealed record Entry(string DocumentId, string Title, string Category, string? Department, string UploadedBy, DateTimeOffset UploadedAt, int Length);

    [Function(nameof(ListLibrary))]
    [Authorize(Policy = Policies.Officials)]
    [EndpointSummary("政策文件库")]
    [Tags("library")]
    [ProducesResponseType<IReadOnlyList<Entry>>(StatusCodes.Status200OK)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/library")] HttpRequest request, CancellationToken cancellationToken) =>
        CommandResult.Ok((await library.ListAsync(cancellationToken)).Select(d => new Entry(d.DocumentId, d.Title, d.Category, d.Department, d.UploadedBy, d.UploadedAt, d.Text.Length)).ToList());
}
