using Replies.Workflows.Notices;

namespace Replies.Functions.Notices;

/// <summary>POST /api/notices/resend {recipient, key}: a clerk sends a failed notice again.</summary>
public sealed class ResendNotice(FailedNotices failed)
{
    public sealed record Request(string? Recipient, string? Key);

    [Function(nameof(ResendNotice))]
    [Authorize(Policy = Policies.Oversight)]
    [EndpointSummary("重新发送失败的通知")]
    [Tags("notices")]
    [RequestBody(typeof(Request))]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/notices/resend")] HttpRequest http, CancellationToken cancellationToken)
    {
        var (request, problem) = await RequestBody.ReadAsync<Request>(http, cancellationToken);
        if (request is null)
        {
            return problem!;
        }

        var errors = new FieldErrors();
        var recipient = errors.Text("recipient", request.Recipient, "接收方", 100);
        var key = errors.Text("key", request.Key, "通知编号", 200);
        if (errors.Any)
        {
            return Problems.Validation(errors);
        }

        return await failed.ResendAsync(new NoticeId(recipient, key), cancellationToken)
            ? CommandResult.Accepted(null, new { recipient, key })
            : Problems.NotFound("没有这条发送失败的通知。");
    }
}
