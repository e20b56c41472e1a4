namespace Replies.Functions.Docs;

/// <summary>GET /api/openapi/v1.json: the OpenAPI document of the API.</summary>
public sealed class GetOpenApiDocument(OpenApiDocument document)
{
    [Function(nameof(GetOpenApiDocument))]
    [AllowAnonymous]
    [EndpointSummary("OpenAPI 文档")]
    [Tags("docs")]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/openapi/v1.json")] HttpRequest request) =>
        TypedResults.Text(document.Build().ToJsonString(), "application/json; charset=utf-8");
}
