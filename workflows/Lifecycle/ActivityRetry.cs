using Microsoft.DurableTask;

namespace Replies.Workflows.Lifecycle;

/// <summary>
/// How the orchestrations call activities: a failed one is tried again with back-off (2 s doubling to a minute, eight
/// attempts, about four minutes in all) instead of failing the whole lifecycle, so storage refusing or timing out for a
/// while delays an item and never ends it. Safe because every activity is idempotent.
/// </summary>
internal static class ActivityRetry
{
    private static readonly TaskOptions Options = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 8,
        firstRetryInterval: TimeSpan.FromSeconds(2),
        backoffCoefficient: 2,
        maxRetryInterval: TimeSpan.FromMinutes(1)));

    /// <summary>
    /// Calls the activity, retrying it as above. An answer that cannot be read as <typeparamref name="T"/> is asked for
    /// again: the engine can hand an instance the answer of a lost episode's activity scheduled under the same task id
    /// (see README, "At least once"), and every activity is idempotent.
    /// </summary>
    public static async Task<T> CallWithRetryAsync<T>(this TaskOrchestrationContext context, string name, object input)
    {
        try
        {
            return await context.CallActivityAsync<T>(name, input, Options);
        }
        catch (Exception e) when (e is not TaskFailedException and not OperationCanceledException)
        {
            return await context.CallActivityAsync<T>(name, input, Options);
        }
    }
}
