using Azure.Core;

namespace Replies.Workflows.Storage;

/// <summary>Where the task hub lives: a connection string (Azurite, keys) or account URIs with a token credential (managed identity).</summary>
public sealed class StorageAccount
{
    private StorageAccount(string? connectionString, Uri? blobUri, Uri? queueUri, Uri? tableUri, TokenCredential? credential, Action<ClientOptions>? configure = null)
    {
        Configure = configure;
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

    /// <summary>What is done to every storage client's options after <see cref="ApplyDefaults"/> (a request counter, fault injection).</summary>
    public Action<ClientOptions>? Configure { get; }

    /// <summary>
    /// The retries every client of this app makes, the app's and the engine's: a few quick ones over a blip, then the
    /// failure, so a request meets an outage within seconds (and is answered 503) instead of waiting out the SDK's
    /// 100-second network timeout.
    /// </summary>
    public static void ApplyDefaults(ClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromSeconds(0.4);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(4);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(15);
    }

    /// <summary>
    /// The audience of tokens for this account's cloud: the SDKs default to the public cloud's, which Azure China and
    /// Azure Government refuse. Null with a connection string (shared key or Azurite).
    /// </summary>
    public string? Audience => Credential is null || BlobUri is null ? null : AudienceFor(BlobUri.Host);

    /// <summary>The storage token audience of the cloud an endpoint host name belongs to.</summary>
    public static string AudienceFor(string host) =>
        host.EndsWith(".chinacloudapi.cn", StringComparison.OrdinalIgnoreCase) ? "https://storage.azure.cn"
        : host.EndsWith(".usgovcloudapi.net", StringComparison.OrdinalIgnoreCase) ? "https://storage.azure.us"
        : "https://storage.azure.com";

    /// <summary>Sets up a client's options: the defaults, the cloud's token audience, then <see cref="Configure"/>.</summary>
    public T Options<T>(T options)
        where T : ClientOptions
    {
        ApplyDefaults(options);
        if (Audience is { } audience)
        {
            switch (options)
            {
                case Azure.Storage.Blobs.BlobClientOptions blob:
                    blob.Audience = new Azure.Storage.Blobs.Models.BlobAudience(audience);
                    break;
                case Azure.Storage.Queues.QueueClientOptions queue:
                    queue.Audience = new Azure.Storage.Queues.Models.QueueAudience(audience);
                    break;
                case Azure.Data.Tables.TableClientOptions table:
                    table.Audience = new Azure.Data.Tables.TableAudience(audience);
                    break;
            }
        }

        Configure?.Invoke(options);
        return options;
    }

    /// <summary>The same account, with <paramref name="configure"/> applied to every client's options as well.</summary>
    public StorageAccount With(Action<ClientOptions>? configure) =>
        configure is null ? this : new(ConnectionString, BlobUri, QueueUri, TableUri, Credential, Configure + configure);

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
