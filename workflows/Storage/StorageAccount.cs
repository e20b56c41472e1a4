using Azure.Core;

namespace Replies.Workflows.Storage;

/// <summary>Where the task hub lives: a connection string (Azurite, keys) or account URIs with a token credential (managed identity).</summary>
public sealed class StorageAccount
{
    private StorageAccount(string? connectionString, Uri? blobUri, Uri? queueUri, Uri? tableUri, TokenCredential? credential)
    {
        ConnectionString = connectionString;
        BlobUri = blobUri;
        QueueUri = queueUri;
        TableUri = tableUri;
        Credential = credential;
    }

    /// <summary>The connection string, when one is used.</summary>
    public string? ConnectionString { get; }

    /// <summary>The blob endpoint, with a credential.</summary>
    public Uri? BlobUri { get; }

    /// <summary>The queue endpoint, with a credential.</summary>
    public Uri? QueueUri { get; }

    /// <summary>The table endpoint, with a credential.</summary>
    public Uri? TableUri { get; }

    /// <summary>The token credential, when URIs are used.</summary>
    public TokenCredential? Credential { get; }

    /// <summary>An account reached by connection string; <c>UseDevelopmentStorage=true</c> is Azurite on its default ports.</summary>
    public static StorageAccount FromConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new StorageAccount(connectionString, null, null, null, null);
    }

    /// <summary>An account reached with a token credential, as with a managed identity in Azure.</summary>
    public static StorageAccount FromUris(Uri blobUri, Uri queueUri, Uri tableUri, TokenCredential credential) =>
        new(null, blobUri, queueUri, tableUri, credential ?? throw new ArgumentNullException(nameof(credential)));
}
