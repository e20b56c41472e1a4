using Microsoft.DurableTask.Client;

namespace Replies.Functions.Http;

/// <summary>How an API function gives a command: read the JSON body, name the caller, hand both to the command.</summary>
internal static class ApiCommand
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static async Task<IResult> RunAsync<TRequest>(HttpRequest request, DurableTaskClient client, Func<Caller, TRequest, Task<CommandResult>> handle, CancellationToken cancellationToken)
        where TRequest : class
    {
        if (CallerOf(request, client) is not { } caller)
        {
            return Problems.Forbidden("您不在名录中，无法操作。");
        }

        var (body, problem) = await RequestBody.ReadAsync<TRequest>(request, cancellationToken);
        return body is null ? problem! : await handle(caller, body);
    }

    /// <summary>The caller of a request without a body.</summary>
    public static Caller? CallerOf(HttpRequest request, DurableTaskClient client) =>
        request.HttpContext.Person() is { } person
            ? new Caller(person, request.Headers.TryGetValue(IdempotencyHeader, out var key) ? key.ToString() : null, client)
            : null;
}
