using Azure.Data.Tables;

namespace Replies.Durable.AzureStorage;

/// <summary>Stores a string column inline, or in a blob when it is over the table property limit.</summary>
internal sealed class PayloadColumns(TaskHubStorage storage)
{
    // A table string property holds 64 KiB of UTF-16; stay clear of it.
    internal const int MaxInlineChars = 30_000;

    public async Task WriteAsync(TableEntity entity, string column, string? value, string blobName, CancellationToken cancellationToken)
    {
        if (value is null || value.Length <= MaxInlineChars)
        {
            entity[column] = value;
            entity[column + "Blob"] = null;
            return;
        }

        await storage.LargeMessages.GetBlobClient(blobName).UploadAsync(BinaryData.FromString(value), overwrite: true, cancellationToken);
        entity[column] = null;
        entity[column + "Blob"] = blobName;
    }

    public async Task<string?> ReadAsync(TableEntity entity, string column, CancellationToken cancellationToken)
    {
        if (entity.GetString(column + "Blob") is { Length: > 0 } blobName)
        {
            var content = await storage.LargeMessages.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToString();
        }

        return entity.GetString(column);
    }
}
