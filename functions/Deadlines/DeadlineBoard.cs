using Microsoft.AspNetCore.Mvc;
using Replies.Functions.Views;
using Replies.Workflows.ReadModel;
using Replies.Workflows.Storage;

namespace Replies.Functions.Deadlines;

/// <summary>
/// GET /api/deadlines: the clerk office's deadline board: items overdue and due within 7, 15 and 30 days (each item in
/// the nearest band), with the counts per lead department.
/// </summary>
public sealed class DeadlineBoard(ItemLists lists, TimeProvider time)
{
    [Function(nameof(DeadlineBoard))]
    [Authorize(Policy = Policies.Oversight)]
    [EndpointSummary("督办期限看板")]
    [Tags("deadlines")]
    [ProducesResponseType<DeadlineBoardView.Board>(StatusCodes.Status200OK)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/deadlines")] HttpRequest request, CancellationToken cancellationToken) =>
        CommandResult.Ok(await DeadlineBoardView.BuildAsync(lists, time, cancellationToken));
}
