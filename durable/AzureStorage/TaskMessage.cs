using System.Text.Json;
using Replies.Durable.History;

namespace Replies.Durable.AzureStorage;

/// <summary>
/// A message on a control or work-item queue. <see cref="Id"/> is derived from history (execution and sequence number),
/// so a message sent again after a crash is recognised and dropped by its receiver.
/// </summary>
internal sealed record TaskMessage(string Id, string InstanceId, string? ExecutionId, HistoryEvent Event)
{
    /// <summary>Not to be processed before this time (timers and scheduled starts), on the runtime's clock.</summary>
    public DateTime? NotBefore { get; init; }

    /// <summary>External events carried into a new execution by ContinueAsNew.</summary>
    public IReadOnlyList<EventRaised>? CarriedEvents { get; init; }
}

/// <summary>The queue body: a message inline, or the name of the blob that holds it.</summary>
internal sealed record QueueEnvelope(TaskMessage? Message, string? Blob);

/// <summary>A message taken from a queue, with what is needed to hide, update or delete it.</summary>
internal sealed class ReceivedMessage(TaskMessage message, string queueMessageId, string popReceipt, long dequeueCount)
{
    public TaskMessage Message { get; } = message;

    public string QueueMessageId { get; } = queueMessageId;

    public string PopReceipt { get; set; } = popReceipt;

    public long DequeueCount { get; } = dequeueCount;
}

/// <summary>Reads and writes queue bodies, moving payloads over the queue limit to blobs.</summary>
internal sealed class MessageCodec(TaskHubStorage storage)
{
    // Queue messages may be 64 KiB; leave room for the XML envelope the service adds.
    internal const int MaxInlineBytes = 60_000;

    public async Task<string> EncodeAsync(TaskMessage message, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(new QueueEnvelope(message, null), JsonDataConverter.Options);
        if (System.Text.Encoding.UTF8.GetByteCount(json) <= MaxInlineBytes)
        {
            return json;
        }

        var blobName = $"{message.InstanceId}/messages/{Sanitize(message.Id)}.json";
        await storage.LargeMessages.GetBlobClient(blobName).UploadAsync(BinaryData.FromString(json), overwrite: true, cancellationToken);
        return JsonSerializer.Serialize(new QueueEnvelope(null, blobName), JsonDataConverter.Options);
    }

    public async Task<TaskMessage> DecodeAsync(string body, CancellationToken cancellationToken)
    {
        var envelope = JsonSerializer.Deserialize<QueueEnvelope>(body, JsonDataConverter.Options)
            ?? throw new InvalidDataException("Empty queue message.");
        if (envelope.Message is not null)
        {
            return envelope.Message;
        }

        var content = await storage.LargeMessages.GetBlobClient(envelope.Blob).DownloadContentAsync(cancellationToken);
        var inner = JsonSerializer.Deserialize<QueueEnvelope>(content.Value.Content.ToString(), JsonDataConverter.Options);
        return inner?.Message ?? throw new InvalidDataException($"Large message blob '{envelope.Blob}' holds no message.");
    }

    internal static string Sanitize(string id) => string.Concat(id.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
