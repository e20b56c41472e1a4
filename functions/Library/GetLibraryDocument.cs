using Microsoft.AspNetCore.Mvc;
using Replies.Workflows.Search;

namespace Replies.Functions.Library;

/// <summary>GET /api/library/{documentId}: one document of the policy library.</summary>
public sealed class GetLibraryDocument(PolicyLibrary library)
{
    [Function(nameof(GetLibraryDocument))]
    [Authorize(Policy = Policies.Officials)]
    [EndpointSummary("查看政策文件")]
    [Tags("library")]
    [ProducesResponseType<LibraryDocument>(StatusCodes.Status200OK)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/library/{documentId}")] HttpRequest request, string documentId, CancellationToken cancellationToken) =>
        Proposals.ProposalIds.IsWellFormed(documentId) && await library.GetAsync(documentId, cancellationToken) is { } doc
            ? CommandResult.Ok(doc)
            : Problems.NotFound("未找到该文件。");
}
