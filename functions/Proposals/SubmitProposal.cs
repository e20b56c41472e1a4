using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Replies.Functions.Views;

namespace Replies.Functions.Proposals;

/// <summary>
/// POST /api/proposals: a deputy or member submits a suggestion or proposal. The kind follows the proposer (代表 →
/// 建议, 委员 → 提案). With an <c>Idempotency-Key</c> header a retried submission returns the first one's id.
/// </summary>
public sealed class SubmitProposal(SubmitProposalCommand command)
{
    [Function(nameof(SubmitProposal))]
    [Authorize(Policy = Policies.Submitter)]
    [Safety.Limited(Safety.LimitKind.Submission)]
    [EndpointSummary("提交建议或提案")]
    [Tags("proposals")]
    [RequestBody(typeof(SubmitProposalCommand.Request))]
    [ProducesResponseType<SubmissionResult>(StatusCodes.Status201Created)]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals")] HttpRequest request, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        ApiCommand.RunAsync<SubmitProposalCommand.Request>(request, client, (caller, body) => command.HandleAsync(caller, body, cancellationToken), cancellationToken);
}
