using Azure.Identity;
using Replies.Workflows.Storage;

namespace Replies.Functions.Startup;

/// <summary>Where the host finds its storage account, read the way an Azure Functions app reads AzureWebJobsStorage.</summary>
internal static class HostConfiguration
{
    /// <summary>
    /// <c>AzureWebJobsStorage</c> as a connection string; or, identity-based as in Functions,
    /// <c>AzureWebJobsStorage__accountName</c> (and <c>AzureWebJobsStorage__clientId</c> for a user-assigned managed
    /// identity), reached with the managed identity; or local Azurite on its default ports when neither is set.
    /// </summary>
    public static StorageAccount StorageAccount(this IConfiguration configuration)
    {
        if (configuration["AzureWebJobsStorage"] is { Length: > 0 } connectionString)
        {
            return Workflows.Storage.StorageAccount.FromConnectionString(connectionString);
        }

        if (configuration["AzureWebJobsStorage:accountName"] is { Length: > 0 } account)
        {
            var clientId = configuration["AzureWebJobsStorage:clientId"];
            var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
            Uri Endpoint(string service) => new($"https://{account}.{service}.core.windows.net");
            return Workflows.Storage.StorageAccount.FromUris(Endpoint("blob"), Endpoint("queue"), Endpoint("table"), credential);
        }

        return Workflows.Storage.StorageAccount.FromConnectionString("UseDevelopmentStorage=true");
    }
}
