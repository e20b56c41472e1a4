using Azure.Identity;
using Replies.Workflows.Storage;

namespace Replies.Functions.Startup;

/// <summary>Where the app finds its storage account, read the way the Functions host reads AzureWebJobsStorage.</summary>
internal static class HostConfiguration
{
    /// <summary>
    /// <c>AzureWebJobsStorage</c> as a connection string; or identity-based as in Functions: the service URIs
    /// (<c>AzureWebJobsStorage__blobServiceUri</c>, <c>__queueServiceUri</c>, <c>__tableServiceUri</c>, which carry
    /// the cloud's own endpoint suffix, e.g. Azure China's), or <c>AzureWebJobsStorage__accountName</c> on the public
    /// cloud's suffix unless <c>AzureWebJobsStorage__endpointSuffix</c> names another; reached with the managed identity
    /// named by <c>AzureWebJobsStorage__clientId</c>. Local Azurite on its default ports when nothing is set.
    /// </summary>
    public static StorageAccount StorageAccount(this IConfiguration configuration)
    {
        if (configuration["AzureWebJobsStorage"] is { Length: > 0 } connectionString)
        {
            return Workflows.Storage.StorageAccount.FromConnectionString(connectionString);
        }

        var section = configuration.GetSection("AzureWebJobsStorage");
        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = section["clientId"] });
        if (section["blobServiceUri"] is { Length: > 0 } blob && section["queueServiceUri"] is { Length: > 0 } queue && section["tableServiceUri"] is { Length: > 0 } table)
        {
            return Workflows.Storage.StorageAccount.FromUris(new Uri(blob), new Uri(queue), new Uri(table), credential);
        }

        if (section["accountName"] is { Length: > 0 } account)
        {
            var suffix = section["endpointSuffix"] is { Length: > 0 } s ? s : "core.windows.net";
            Uri Endpoint(string service) => new($"https://{account}.{service}.{suffix}");
            return Workflows.Storage.StorageAccount.FromUris(Endpoint("blob"), Endpoint("queue"), Endpoint("table"), credential);
        }

        return Workflows.Storage.StorageAccount.FromConnectionString("UseDevelopmentStorage=true");
    }
}
