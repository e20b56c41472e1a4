namespace Replies.Functions.Dev;

/// <summary>PUT /api/dev/clock: sets how far this instance's business clock runs ahead of the system's (development sign-in only).</summary>
public sealed class SetDevClock(DevPerson dev, TimeProvider time)
{
    public sealed record Request(double? OffsetHours);

    public sealed record Clock(DateTimeOffset Now, double OffsetHours);

    [Function(nameof(SetDevClock))]
    [AllowAnonymous]
    [EndpointSummary("开发环境：调整业务时钟")]
    [Tags("development")]
    [RequestBody(typeof(Request))]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/dev/clock")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (!dev.Enabled || time is not DevClock clock)
        {
            return Problems.NotFound("未找到。");
        }

        var (body, problem) = await RequestBody.ReadAsync<Request>(request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        if (body.OffsetHours is not { } hours || hours is < 0 or > 24 * 800)
        {
            return Problems.Field("offsetHours", "时钟偏移须为 0 至 19200 小时。");
        }

        clock.Offset = TimeSpan.FromHours(hours);
        return CommandResult.Ok(new Clock(clock.GetUtcNow(), hours));
    }
}
