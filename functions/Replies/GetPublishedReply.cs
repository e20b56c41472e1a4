using Microsoft.AspNetCore.Mvc;
using Replies.Functions.Views;

namespace Replies.Functions.Replies;

/// <summary>GET /api/public/replies/{id}: one published reply's text, without contact details; no sign-in.</summary>
public sealed class GetPublishedReply(PublishedReplies published)
{
    [Function(nameof(GetPublishedReply))]
    [AllowAnonymous]
    [EndpointSummary("查看公开的答复")]
    [Tags("public")]
    [ProducesResponseType<PublishedReplies.PublishedReply>(StatusCodes.Status200OK)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/public/replies/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        await published.GetAsync(id, cancellationToken) is { } reply ? CommandResult.Ok(reply) : Problems.NotFound("未找到该公开答复。");
}
