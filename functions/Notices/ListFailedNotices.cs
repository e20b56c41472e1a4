using Microsoft.AspNetCore.Mvc;

namespace Replies.Functions.Notices;

/// <summary>GET /api/notices/failed: the mail and SMS that failed every attempt, with the reason, for the clerk office.</summary>
public sealed class ListFailedNotices(FailedNotices failed)
{
    [Function(nameof(ListFailedNotices))]
    [Authorize(Policy = Policies.Oversight)]
    [EndpointSummary("发送失败的通知")]
    [Tags("notices")]
    [ProducesResponseType<IReadOnlyList<FailedNotices.View>>(StatusCodes.Status200OK)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/notices/failed")] HttpRequest request, CancellationToken cancellationToken) =>
        CommandResult.Ok(await failed.ListAsync(cancellationToken));
}
