using Microsoft.DurableTask.Client;
using Replies.Workflows.Directory;

namespace Replies.Functions.Http;

/// <summary>
/// Who gives a command and how: the directory person, the idempotency key they sent (the API's header, or the key a
/// page put in its form), and the durable client the function was given to reach the orchestrations.
/// </summary>
public sealed record Caller(DirectoryPerson Person, string? IdempotencyKey, DurableTaskClient Client);
