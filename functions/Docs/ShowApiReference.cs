using Replies.Functions.Web;
using Replies.Functions.Web.Pages;

namespace Replies.Functions.Docs;

/// <summary>GET /api/docs: the API reference as a page, read from the same OpenAPI document.</summary>
public sealed class ShowApiReference(PageRenderer pages, OpenApiDocument document)
{
    [Function(nameof(ShowApiReference))]
    [AllowAnonymous]
    [EndpointSummary("接口参考")]
    [Tags("docs")]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/docs/{page?}")] HttpRequest request) =>
        pages.Render<ApiReferencePage>(request.HttpContext, new Dictionary<string, object?> { ["Document"] = document.Build() });
}
